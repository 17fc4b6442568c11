package io.squall.testing;

/**
 * A spout that knows when it has emitted all it will and every tuple has completed: the spouts of a
 * topology given to {@code Testing.completeTopology} (unless mocked) must be completable.
 */
public interface CompletableSpout {
    /** Whether every tuple was emitted and acked or failed. Called from the test's thread. */
    boolean isExhausted();

    /** Forgets the state shared between this spout's copies; called after the topology is killed. */
    default void clean() {
    }

    /** Called before the topology is submitted. */
    default void startup() {
    }
}
