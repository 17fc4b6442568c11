package io.squall.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, for tests of concurrent code. */
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
}
