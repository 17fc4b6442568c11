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
     * Polls {@code condition} until it holds, failing with {@code what} once {@code progress} (a count, a set: any
     * value) has not changed for {@code stall}: for work whose total time depends on how loaded the machine is, where
     * only a stop means that something is wrong. Polls every 100 ms, as {@code progress} may be costly to read.
     */
    public static void untilWhileProgressing(Duration stall, BooleanSupplier condition, Supplier<?> progress,
                                             Supplier<String> what) {
        Object last = progress.get();
        long lastChange = System.nanoTime();
        while (!condition.getAsBoolean()) {
            Object now = progress.get();
            if (!Objects.equals(now, last)) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                throw new AssertionError("No progress for " + stall + " (still " + now + ") waiting for "
                        + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
        }
    }
}
