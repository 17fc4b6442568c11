package io.squall.runtime.executor;

import io.squall.runtime.stats.ComponentStats;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CompletedTreesTest {
    private final ComponentStats stats = new ComponentStats("spout", new ManualClock());

    /** Records each callback with the component's acked count at the time of the call. */
    private final class Recording implements CompletedTrees.Callbacks<String> {
        final List<String> calls = new ArrayList<>();

        @Override
        public void acked(String task, Object messageId, long latencyNanos) {
            calls.add(task + " ack " + messageId + " " + latencyNanos + "ns, counted " + stats.acked.sum());
        }

        @Override
        public void failed(String task, Object messageId, int failingTask) {
            calls.add(task + " fail " + messageId + " by " + failingTask + ", counted " + stats.acked.sum());
        }
    }

    @Test
    void callsBackInTheOrderTheTreesEndedAfterCountingThemAll() {
        CompletedTrees<String> trees = new CompletedTrees<>();
        trees.acked("t1", "a", 30);
        trees.failed("t2", "b", 7);
        trees.acked("t1", "c", 50);
        trees.failed("t1", "d", -5);
        trees.publishCounts(stats);
        Recording r = new Recording();
        trees.callBack(r);
        assertEquals(List.of("t1 ack a 30ns, counted 2", "t2 fail b by 7, counted 2", "t1 ack c 50ns, counted 2",
                "t1 fail d by -1, counted 2"), r.calls);
        assertEquals(80, stats.completeLatencyNanos.sum());
        assertEquals(50e-6, stats.maxCompleteLatencyMs(), 1e-12);
        assertEquals(0, trees.size());
    }

    @Test
    void countsEachTreeOnceAcrossMessages() {
        CompletedTrees<String> trees = new CompletedTrees<>();
        Recording r = new Recording();
        for (int message = 0; message < 3; message++) {
            for (int i = 0; i < 100; i++) { // Past the initial capacity: the columns grow.
                trees.acked("t", message + "/" + i, 1);
            }
            trees.publishCounts(stats);
            trees.publishCounts(stats);
            trees.callBack(r);
        }
        assertEquals(300, stats.acked.sum());
        assertEquals(300, stats.completeLatencyNanos.sum());
        assertEquals("t ack 2/99 1ns, counted 300", r.calls.get(299));
    }

    @Test
    void forgetsEveryTreeWhenACallbackThrows() {
        CompletedTrees<String> trees = new CompletedTrees<>();
        trees.acked("t", "a", 1);
        trees.acked("t", "b", 1);
        List<Object> seen = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> trees.callBack(throwingOnAck()));
        assertEquals(0, trees.size());
        trees.acked("t", "c", 1);
        trees.callBack(new CompletedTrees.Callbacks<>() {
            @Override
            public void acked(String task, Object messageId, long latencyNanos) {
                seen.add(messageId);
            }

            @Override
            public void failed(String task, Object messageId, int failingTask) {
                seen.add(messageId);
            }
        });
        assertEquals(List.of("c"), seen);
    }

    @Test
    void givesEachTreeItsTaskAcrossRunsBatchesAndAThrowingCallback() {
        CompletedTrees<String> trees = new CompletedTrees<>();
        Recording r = new Recording();
        trees.acked("t1", "a", 1);
        trees.acked("t1", "b", 1);
        trees.failed("t2", "c", 4);
        trees.acked("t2", "d", 1);
        trees.acked("t1", "e", 1);
        trees.callBack(r);
        trees.acked("t1", "f", 1); // The batch before ended with t1: this one must not inherit it by mistake.
        trees.acked("t1", "g", 1);
        trees.callBack(r);
        trees.acked("t2", "h", 1);
        assertThrows(IllegalStateException.class, () -> trees.callBack(throwingOnAck()));
        trees.acked("t2", "i", 1);
        trees.callBack(r);
        List<String> tasks = r.calls.stream().map(c -> String.join(" ", List.of(c.split(" ")).subList(0, 3))).toList();
        assertEquals(List.of("t1 ack a", "t1 ack b", "t2 fail c", "t2 ack d", "t1 ack e", "t1 ack f", "t1 ack g",
                "t2 ack i"), tasks);
    }

    /** Callbacks whose ack throws, as a spout's would under {@code topology.worker.die.on.error}. */
    private static CompletedTrees.Callbacks<String> throwingOnAck() {
        return new CompletedTrees.Callbacks<>() {
            @Override
            public void acked(String task, Object messageId, long latencyNanos) {
                throw new IllegalStateException("topology.worker.die.on.error");
            }

            @Override
            public void failed(String task, Object messageId, int failingTask) {
            }
        };
    }
}
