package io.squall.runtime.state;

import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayKeysTest {
    /** A message id of the spout's own class. */
    record Offset(String partition, long offset) implements Serializable {
    }

    private static GeneralTopologyContext topology(boolean stateful) {
        return topology(stateful, Map.of());
    }

    private static GeneralTopologyContext topology(boolean stateful, Map<String, Object> conf) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        if (stateful) {
            b.setBolt("count", new StatefulFixtures.WordCounter("keys")).shuffleGrouping("words");
        }
        return new GeneralTopologyContext(b.createTopology(), conf, Map.of(1, "words"), "keys-test");
    }

    @Test
    void givesEveryEmitOfAMessageIdTheSameKeyInAnyInstance() {
        ReplayKeys a = ReplayKeys.forSpout(topology(true), "words", new ManualClock());
        ReplayKeys b = ReplayKeys.forSpout(topology(true), "words", new ManualClock());
        for (Object id : List.of(7L, 7, "sentence-7", new Offset("p0", 7), List.of("x", 7L))) {
            assertEquals(a.key(id), b.key(id), String.valueOf(id));
            assertEquals(a.key(id), ReplayKeys.base(a.of(id)[0]));
            assertNotEquals(0L, a.key(id));
            assertEquals(a.key(id), ReplayKeys.base(a.key(id)), "a key's flag bit is clear");
        }
        assertNotEquals(a.key("7"), a.key(7L));
        assertNotEquals(a.key(new Offset("p0", 7)), a.key(new Offset("p1", 7)));
        assertNotEquals(a.key(7L), ReplayKeys.forSpout(topology(true), "other", new ManualClock()).key(7L),
                "the component counts");
    }

    @Test
    void spreadsNearbyIdsOverDistinctKeys() {
        ReplayKeys keys = ReplayKeys.forSpout(topology(true), "words", new ManualClock());
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 100_000; i++) {
            seen.add(keys.key(i));
            seen.add(keys.key("s" + i));
        }
        assertEquals(200_000, seen.size());
    }

    @Test
    void flagsEveryEmitByDefault() {
        ManualClock clock = new ManualClock();
        ReplayKeys keys = ReplayKeys.forSpout(topology(true), "words", clock);
        clock.advance(Duration.ofMillis(10 * ReplayKeys.retainMillis(Map.of())));
        emit(keys, 2_000);
        assertTrue(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "a spout may re-emit a message id without failing it");
    }

    @Test
    void withoutCheckingEveryTupleFlagsEmitsAfterAStartAndAfterAFailForTheRetention() {
        ManualClock clock = new ManualClock();
        ReplayKeys keys = ReplayKeys.forSpout(topology(true, Map.of("topology.state.check.every.tuple", false)),
                "words", clock);
        long retain = ReplayKeys.retainMillis(Map.of());
        assertTrue(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "a spout that just started may replay anything");
        clock.advance(Duration.ofMillis(retain + 1));
        emit(keys, 2_000);
        assertFalse(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "past the retention, a first emit is not flagged");
        keys.failed(1L);
        assertTrue(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "a failed message id's next emits are");
        assertFalse(ReplayKeys.mayBeReplay(keys.of(2L)[0]));
        clock.advance(Duration.ofMillis(retain - 1));
        emit(keys, 2_000);
        assertTrue(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "for at least the retention");
        clock.advance(Duration.ofMillis(2 * retain));
        emit(keys, 4_000);
        assertFalse(ReplayKeys.mayBeReplay(keys.of(1L)[0]), "and not for ever");
    }

    /** Emits first emits until the keys have read the clock. */
    private static void emit(ReplayKeys keys, int emits) {
        for (int i = 0; i < emits; i++) {
            keys.of("other-" + i);
        }
    }

    @Test
    void costsNothingWithoutAStatefulBoltOrForTheCheckpointSpout() {
        assertNull(ReplayKeys.forSpout(topology(false), "words", new ManualClock()));
        assertNull(ReplayKeys.forSpout(topology(true), "$checkpointspout", new ManualClock()));
        assertNotNull(ReplayKeys.forSpout(topology(true), "words", new ManualClock()));
    }
}
