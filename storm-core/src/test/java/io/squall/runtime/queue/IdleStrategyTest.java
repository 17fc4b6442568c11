package io.squall.runtime.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The parking strategies back off while idle and start over after work. */
class IdleStrategyTest {
    private static final long MS = 1_000_000;

    @ParameterizedTest
    @ValueSource(strings = {"progressive", "park"})
    void parksTwiceAsLongAfterEachEmptyParkUpToTheMaximumAndStartsOverAfterWork(String name) {
        List<Long> parks = new ArrayList<>();
        IdleStrategy idle = IdleStrategy.of(name, parks::add, MS, 10 * MS);
        for (int i = 0; i < 200; i++) {
            idle.idle(0);
        }
        assertEquals(List.of(MS, 2 * MS, 4 * MS, 8 * MS, 10 * MS, 10 * MS), parks.subList(0, 6));
        assertEquals(10 * MS, parks.get(parks.size() - 1));
        idle.idle(1);
        parks.clear();
        for (int i = 0; i < 200 && parks.isEmpty(); i++) {
            idle.idle(0);
        }
        assertEquals(List.of(MS), parks, "work ends the idle spell: the next park is the first one again");
    }

    @Test
    void aStrategyWithOneParkLengthAlwaysParksThatLong() {
        List<Long> parks = new ArrayList<>();
        IdleStrategy idle = IdleStrategy.of("park", parks::add, 10 * MS);
        for (int i = 0; i < 5; i++) {
            idle.idle(0);
        }
        assertEquals(List.of(10 * MS, 10 * MS, 10 * MS, 10 * MS, 10 * MS), parks);
    }

    @Test
    void rejectsAFirstParkLongerThanTheMaximum() {
        assertThrows(IllegalArgumentException.class, () -> IdleStrategy.of("park", n -> { }, 20 * MS, 10 * MS));
    }
}
