package io.squall.utils;

import io.squall.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's {@code Time}, on the system clock and on simulated time. */
class TimeTest {
    @AfterEach
    void stopSimulating() {
        Time.stopSimulating();
    }

    @Test
    void withoutSimulationTimeIsTheSystemsAndCannotBeAdvanced() {
        assertFalse(Time.isSimulating());
        assertSame(Clock.SYSTEM, Time.clock());
        long before = System.currentTimeMillis();
        long now = Time.currentTimeMillis();
        assertTrue(now >= before && now <= System.currentTimeMillis());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Time.advanceTimeSecs(1));
        assertTrue(e.getMessage().contains("SimulatedTime"), e.getMessage());
    }

    @Test
    @SuppressWarnings("try")
    void simulatedTimeStartsAtZeroAndMovesOnlyWhenAdvanced() {
        try (Time.SimulatedTime t = new Time.SimulatedTime()) {
            assertTrue(Time.isSimulating());
            assertInstanceOf(ManualClock.class, Time.clock());
            assertEquals(0, Time.currentTimeMillis());
            assertEquals(0, Time.nanoTime());
            Time.advanceTimeSecs(90);
            Time.advanceTime(500);
            Time.advanceTimeNanos(2_000_000);
            assertEquals(90_502, Time.currentTimeMillis());
            assertEquals(90_502_000_000L, Time.nanoTime());
            assertEquals(90, Time.currentTimeSecs());
            assertEquals(80, Time.deltaSecs(10));
            assertEquals(90_002, Time.deltaMs(500));
            assertThrows(IllegalArgumentException.class, () -> Time.advanceTime(-1));
        }
        assertFalse(Time.isSimulating());
        assertTrue(Time.currentTimeMillis() > 1_000_000_000_000L, "the system clock again");
    }

    @Test
    void aNewSimulationStartsAtZeroAgain() {
        Time.startSimulating();
        Time.advanceTimeSecs(5);
        Time.stopSimulating();
        Time.startSimulating();
        assertEquals(0, Time.currentTimeMillis());
    }

    @Test
    @Timeout(10)
    void aSleeperWakesWhenSimulatedTimeReachesItsWakeUpTime() throws Exception {
        Time.startSimulating();
        AtomicLong wokeAt = new AtomicLong(-1);
        Thread sleeper = new Thread(() -> {
            try {
                Time.sleepSecs(60);
                wokeAt.set(Time.currentTimeMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        Await.until(Duration.ofSeconds(5), () -> Time.isThreadWaiting(sleeper), () -> "the thread sleeps in simulated time");
        Time.advanceTimeSecs(59);
        assertTrue(Time.isThreadWaiting(sleeper), "59 s is not enough");
        assertEquals(-1, wokeAt.get());
        Time.advanceTimeSecs(1);
        sleeper.join(5_000);
        assertEquals(60_000, wokeAt.get());
        assertTrue(Time.isThreadWaiting(sleeper), "an ended thread counts as waiting");
    }

    @Test
    @Timeout(10)
    void sleepingUntilAnInstantWaitsForIt() throws Exception {
        Time.startSimulating();
        Thread sleeper = new Thread(() -> {
            try {
                Time.sleepUntil(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sleeper.start();
        Await.until(Duration.ofSeconds(5), () -> Time.isThreadWaiting(sleeper), () -> "the thread sleeps");
        Time.advanceTime(1_499);
        assertTrue(sleeper.isAlive());
        Time.advanceTime(1);
        sleeper.join(5_000);
        assertFalse(sleeper.isAlive());
    }

    @Test
    @Timeout(10)
    void stoppingTheSimulationInterruptsItsSleepers() throws Exception {
        Time.startSimulating();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread sleeper = new Thread(() -> {
            try {
                Time.sleep(1_000);
            } catch (InterruptedException e) {
                thrown.set(e);
            }
        });
        sleeper.start();
        Await.until(Duration.ofSeconds(5), () -> Time.isThreadWaiting(sleeper), () -> "the thread sleeps");
        Time.stopSimulating();
        sleeper.join(5_000);
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    @Timeout(10)
    @SuppressWarnings("try")
    void autoAdvanceLetsALoopOfSleepsProgressAlone() throws Exception {
        try (Time.SimulatedTime t = new Time.SimulatedTime(100)) {
            for (int i = 0; i < 10; i++) {
                Time.sleep(1_000);
            }
            assertEquals(10_000, Time.currentTimeMillis(), "each sleep advanced time in 100 ms steps to its end");
        }
    }

    @Test
    @Timeout(10)
    void utilsSleepFollowsSimulatedTime() throws Exception {
        Time.startSimulating();
        Thread sleeper = new Thread(() -> Utils.sleep(200));
        sleeper.start();
        Await.until(Duration.ofSeconds(5), () -> Time.isThreadWaiting(sleeper), () -> "Utils.sleep sleeps in simulated time");
        Time.advanceTime(200);
        sleeper.join(5_000);
        assertFalse(sleeper.isAlive());
        assertThrows(IllegalArgumentException.class, () -> new Time.SimulatedTime(-1));
    }
}
