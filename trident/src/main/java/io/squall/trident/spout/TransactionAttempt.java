package io.squall.trident.spout;

import java.io.Serializable;

/** One attempt at a batch: its transaction id and which try this is (0 first). */
public record TransactionAttempt(long txid, int attemptId) implements Serializable {
    /** The batch's transaction id, as in Storm. */
    public long getTransactionId() {
        return txid;
    }

    /** Which try this is, from 0. */
    public int getAttemptId() {
        return attemptId;
    }
}
