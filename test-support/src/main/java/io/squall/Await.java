package io.squall;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for a condition with a deadline, or for as long as something advances, for tests of concurrent code and of
 * running topologies: polls, never sleeps a fixed time. Shared by every module's tests (the squall-test-support
 * module).
 */
public final class Await {
    private Await() {
    }

    /** Polls {@code condition} until it holds, failing with {@code what} (and its current state) at the deadline. */
    public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    /**
     * Polls {@code condition} until it holds, failing with {@code what} once {@code progress} has not changed for
     * {@code stall}: for work whose total time depends on how loaded the machine is, where only a stop means that
     * something is wrong. {@code progress} returns a value compared with {@link Objects#equals} to the one before
     * (a count, a size in bytes, a copied set), so it must be an immutable snapshot: a live collection that it
     * returns each time equals itself and never shows a change. Polls every 100 ms, as {@code progress} may be
     * costly to read. However busy the work stays, the wait ends at {@code cap}. An interrupt fails it at once and
     * stays set on the thread.
     */
    public static void untilWhileProgressing(Duration stall, Duration cap, BooleanSupplier condition,
                                             Supplier<?> progress, Supplier<String> what) {
        long start = System.nanoTime();
        Object last = progress.get();
        long lastChange = start;
        while (!condition.getAsBoolean()) {
            Object now = progress.get();
            long t = System.nanoTime();
            if (!Objects.equals(now, last)) {
                last = now;
                lastChange = t;
            } else if (t - lastChange > stall.toNanos()) {
                throw new AssertionError("No progress for " + stall + " (still " + now + ") waiting for "
                        + what.get());
            }
            if (t - start > cap.toNanos()) {
                throw new AssertionError("Still progressing (now " + now + ") but not done after " + cap
                        + " waiting for " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
            if (Thread.currentThread().isInterrupted()) {
                throw new AssertionError("Interrupted waiting for " + what.get());
            }
        }
    }
}
