package io.squall.runtime.executor;

import io.squall.runtime.stats.ComponentStats;

/**
 * The counts of one executor not yet added to its component's shared counters. The shared counters are
 * {@code LongAdder}s (several executors of a component write them), whose every increment is an atomic
 * read-modify-write; counting here instead costs a plain add per tuple and one atomic add per counter per round.
 *
 * <p>{@link #publish} runs before every publish to a queue ({@link Outbox}) and at the end of every round
 * ({@link Transfer#flush}): a tuple is therefore counted as transferred before any receiver can count it as
 * executed, as when each tuple was counted alone, and the shared counters lag the executor by at most one
 * round. Executor thread only.
 */
final class RoundCounts {
    /** Where the counts go; null counts nothing (an executor without component counters). */
    private ComponentStats stats;
    long emitted;
    long transferred;
    long executed;
    /** Tuples a bolt acked (a spout counts its trees' acks at once, with their latencies). */
    long acked;

    /** Makes {@link #publish} add to {@code stats}. Before the executor's first round. */
    void countInto(ComponentStats stats) {
        this.stats = stats;
    }

    /** Adds what was counted since the last call to the component's counters. */
    void publish() {
        ComponentStats s = stats;
        if (s == null) {
            return;
        }
        if (emitted != 0) {
            s.emitted.add(emitted);
            emitted = 0;
        }
        if (transferred != 0) {
            s.transferred.add(transferred);
            transferred = 0;
        }
        if (executed != 0) {
            s.executed.add(executed);
            executed = 0;
        }
        if (acked != 0) {
            s.acked.add(acked);
            acked = 0;
        }
    }
}
