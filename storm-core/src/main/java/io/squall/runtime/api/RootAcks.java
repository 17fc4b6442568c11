package io.squall.runtime.api;

import io.squall.tuple.Tuple;

/**
 * Acks and fails a bolt task's inputs from the acker's numbers alone, for a bolt that holds its inputs' acks until
 * a checkpoint commits: it can keep each held tuple as its roots and the XOR values its ack sends, rather than the
 * tuple with its values, which a checkpoint interval of input (a million tuples and more) would keep alive for the
 * collector to copy. Implemented by the bolt executor's task and handed to a {@link CheckpointedBolt} after its
 * {@code prepare}. Executor thread only.
 */
public interface RootAcks {
    /** A bolt that can use a {@link RootAcks}: its executor offers one once, after {@code prepare}. */
    interface User {
        /** Offers the bolt its task's {@link RootAcks}. */
        void useRootAcks(RootAcks acks);
    }

    /**
     * Whether {@code input}'s ack or fail may be sent later from its numbers alone: not when something needs the
     * tuple itself then (a task hook, the execute-latency sample). Its ack values are read now: an emit anchored to
     * it after this call does not join its tree, as after an ack.
     */
    boolean detachable(Tuple input);

    /** Sends what acking a tuple of {@code root}'s tree sends: {@code ackXor} is its edge XOR its ack value. */
    void ackRoot(long root, long ackXor);

    /** Sends a fail of {@code root}'s tree. */
    void failRoot(long root);

    /** Counts {@code tuples} acked through {@link #ackRoot}, as acking each would. */
    void countAcked(int tuples);

    /** Counts {@code tuples} failed through {@link #failRoot}, as failing each would. */
    void countFailed(int tuples);
}
