package io.squall.trident.state;

/** What a state guarantees when batches are replayed. */
public enum StateType {
    /** Applies every attempt it sees: a replayed batch is counted again (at-least-once). */
    NON_TRANSACTIONAL,
    /** Stores each value with the txid that last changed it and skips a txid it has applied: exactly-once with
     *  a transactional spout, whose txid always replays the same batch. */
    TRANSACTIONAL,
    /** Stores the current value, the previous value and the txid: a replayed txid is re-applied on the previous
     *  value, so exactly-once even when the batch for a txid changes (opaque spouts). */
    OPAQUE
}
