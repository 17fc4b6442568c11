package io.squall.metrics.aggregate;

import io.squall.metrics.builtin.Snapshots;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MetricsAggregatorTest {
    private final AtomicLong now = new AtomicLong(TimeUnit.DAYS.toMillis(20_000));
    private final MetricsAggregator agg = new MetricsAggregator(now::get);

    private Snapshots.Worker snapshot(String id, long acked, long failed, long latencySamples, long latencySumUs) {
        Snapshots.Component spout = new Snapshots.Component("s", "spout", 1, 1, acked + failed, acked + failed, 0, acked,
                failed, 0, 0, failed == 0 ? Map.of() : Map.of("b", failed),
                new Snapshots.Latency(latencySamples, latencySumUs, 1, 2, 3, 4), Snapshots.Latency.NONE,
                Snapshots.Latency.NONE, 0, 0, 0, 1024, 0, List.of());
        Snapshots.Component bolt = new Snapshots.Component("b", "bolt", 2, 2, 0, 0, acked + failed, acked, failed, 0, 0,
                Map.of(), Snapshots.Latency.NONE, Snapshots.Latency.NONE, Snapshots.Latency.NONE,
                TimeUnit.SECONDS.toMicros(1), 0, 0, 1024, 0, List.of());
        return new Snapshots.Worker("t", id, "local", now.get(), now.get(), 0, true, List.of(spout, bolt),
                List.of(new Snapshots.Edge("s", "b", acked + failed)),
                new Snapshots.Backpressure(false, 0, 0, null, List.of()), new Snapshots.Jvm(1, 2, 3, 4, 5, 6),
                List.of(), Map.of());
    }

    private TopologyMetrics.ComponentMetrics spout(Window w) {
        return agg.view("t", w).spouts().get(0);
    }

    @Test
    void sumsDifferencesPerWindowAndForgetsWhatLeftTheWindow() {
        agg.record(snapshot("t-1", 100, 0, 10, 10_000));
        now.addAndGet(TimeUnit.MINUTES.toMillis(5));
        agg.record(snapshot("t-1", 300, 5, 30, 50_000));
        assertEquals(300, spout(Window.TEN_MINUTES).acked());
        assertEquals(5, spout(Window.TEN_MINUTES).failed());
        assertEquals(Map.of("b", 5L), spout(Window.TEN_MINUTES).failedBy());
        assertEquals(50_000 / 30.0 / 1000.0, spout(Window.TEN_MINUTES).completeLatencyMs(), 1e-9);

        now.addAndGet(TimeUnit.MINUTES.toMillis(11));
        agg.record(snapshot("t-1", 350, 5, 40, 60_000));
        assertEquals(50, spout(Window.TEN_MINUTES).acked(), "only the last difference is within 10 minutes");
        assertEquals(Map.of(), spout(Window.TEN_MINUTES).failedBy());
        assertEquals(1.0, spout(Window.TEN_MINUTES).completeLatencyMs(), 1e-9);
        assertEquals(350, spout(Window.THREE_HOURS).acked());
        assertEquals(350, spout(Window.ALL_TIME).acked());

        now.addAndGet(TimeUnit.HOURS.toMillis(4));
        agg.record(snapshot("t-1", 360, 5, 40, 60_000));
        assertEquals(10, spout(Window.THREE_HOURS).acked());
        assertEquals(360, spout(Window.ONE_DAY).acked());
        now.addAndGet(TimeUnit.DAYS.toMillis(2));
        assertEquals(0, spout(Window.ONE_DAY).acked());
        assertEquals(360, spout(Window.ALL_TIME).acked());
    }

    @Test
    void ratesAndCapacityComeFromTheLastTwoSnapshots() {
        agg.record(snapshot("t-1", 0, 0, 0, 0));
        now.addAndGet(2000);
        Snapshots.Worker second = snapshot("t-1", 4000, 0, 0, 0);
        Snapshots.Worker shifted = new Snapshots.Worker(second.topology(), second.topologyId(), second.worker(),
                second.timeMillis() + 2000, second.startMillis(), 2, true, second.components(), second.edges(), second.backpressure(),
                second.jvm(), second.errors(), second.userMetrics());
        agg.record(shifted);
        TopologyMetrics m = agg.view("t", Window.TEN_MINUTES);
        assertEquals(1000.0, m.spouts().get(0).ackRate(), 1e-9);
        assertEquals(1000.0, m.edges().get(0).ratePerSec(), 1e-9);
        assertEquals(4000, m.edges().get(0).total());
        // The bolt's 2 executors were busy 1 s in all during the 4 s the snapshots cover.
        assertEquals(1.0 / (2 * 4), m.bolts().get(0).capacity(), 1e-9);
    }

    @Test
    void aRestartedWorkerOrANewRunStartsItsCountersOver() {
        agg.record(snapshot("t-1", 500, 0, 0, 0));
        agg.record(snapshot("t-1", 700, 0, 0, 0));
        agg.record(snapshot("t-2", 30, 0, 0, 0));
        assertEquals(730, spout(Window.ALL_TIME).acked());
    }

    @Test
    void aSnapshotTakenBeforeTheLastRecordedIsIgnored() {
        Snapshots.Worker early = snapshot("t-1", 23, 0, 0, 0);
        Snapshots.Worker later = at(snapshot("t-1", 40, 0, 0, 0), early.startMillis(), early.timeMillis() + 200);
        agg.record(later);
        agg.record(early);
        agg.record(at(snapshot("t-1", 100, 0, 0, 0), early.startMillis(), early.timeMillis() + 400));
        assertEquals(100, spout(Window.ALL_TIME).acked(), "the late snapshot is not taken for a restart");
        assertEquals(100, agg.latest("t").get(0).components().get(0).acked());
    }

    private static Snapshots.Worker at(Snapshots.Worker s, long startMillis, long timeMillis) {
        return new Snapshots.Worker(s.topology(), s.topologyId(), s.worker(), timeMillis, startMillis, s.uptimeSecs(),
                s.active(), s.components(), s.edges(), s.backpressure(), s.jvm(), s.errors(), s.userMetrics());
    }

    @Test
    void unknownTopologiesAndWindows() {
        assertNull(agg.view("none", Window.ALL_TIME));
        agg.record(snapshot("t-1", 1, 0, 0, 0));
        agg.forget("t");
        assertNull(agg.view("t", Window.ALL_TIME));
        assertThrows(IllegalArgumentException.class, () -> Window.ofLabel("2h"));
        assertEquals(Window.THREE_HOURS, Window.ofLabel("3h"));
    }

    /** One worker of a two-worker run of bolt "b" (tasks 1 and 2) whose snapshot lists both tasks. */
    private Snapshots.Worker workerListingAllTasks(String worker, List<Snapshots.Task> tasks) {
        Snapshots.Component bolt = new Snapshots.Component("b", "bolt", 1, 2, 0, 0, 10, 10, 0, 0, 0, Map.of(),
                Snapshots.Latency.NONE, Snapshots.Latency.NONE, Snapshots.Latency.NONE, 0, 0, 0, 1024, 0, tasks);
        return new Snapshots.Worker("t", "t-1", worker, now.get(), now.get(), 0, true, List.of(bolt), List.of(),
                new Snapshots.Backpressure(false, 0, 0, null, List.of()), new Snapshots.Jvm(1, 2, 3, 4, 5, 6),
                List.of(), Map.of());
    }

    @Test
    void eachTaskAppearsOnceWhenEveryWorkerListsEveryTask() {
        agg.record(workerListingAllTasks("h:6700", List.of(new Snapshots.Task(1, 0, 10, 10, 0),
                new Snapshots.Task(2, 0, 0, 0, 0))));
        agg.record(workerListingAllTasks("h:6701", List.of(new Snapshots.Task(1, 0, 0, 0, 0),
                new Snapshots.Task(2, 0, 7, 6, 1))));
        TopologyMetrics.ComponentMetrics b = agg.view("t", Window.TEN_MINUTES).bolts().get(0);
        assertEquals(List.of(new Snapshots.Task(1, 0, 10, 10, 0), new Snapshots.Task(2, 0, 7, 6, 1)), b.taskCounts());
        assertEquals(2, b.executors());
        assertEquals(2, b.tasks());
    }

    @Test
    void aSpoutsTreesAreWindowedByStream() {
        agg.record(workerListingAllTasks("h:6700", List.of(new Snapshots.Task(1, 8, 0, 5, 1, List.of(
                new Snapshots.StreamCount("left", 3, 3, 3, 0), new Snapshots.StreamCount("right", 5, 5, 2, 1))))));
        now.addAndGet(TimeUnit.MINUTES.toMillis(11));
        agg.record(workerListingAllTasks("h:6700", List.of(new Snapshots.Task(1, 10, 0, 7, 1, List.of(
                new Snapshots.StreamCount("left", 5, 5, 5, 0), new Snapshots.StreamCount("right", 5, 5, 2, 1))))));
        assertEquals(List.of(new Snapshots.StreamCount("left", 2, 2, 2, 0), new Snapshots.StreamCount("right", 0, 0,
                0, 0)), agg.view("t", Window.TEN_MINUTES).bolts().get(0).taskCounts().get(0).streams(),
                "what the last eleven minutes added, by stream");
        assertEquals(List.of(new Snapshots.StreamCount("left", 5, 5, 5, 0), new Snapshots.StreamCount("right", 5, 5,
                2, 1)), agg.view("t", Window.ALL_TIME).bolts().get(0).taskCounts().get(0).streams());
    }

    @Test
    void aStreamsSampledCompleteLatenciesAreWindowedWithItsTrees() {
        agg.record(workerListingAllTasks("h:6700", List.of(new Snapshots.Task(1, 4, 0, 4, 0, List.of(
                new Snapshots.StreamCount("left", 2, 2, 2, 0, 2, 2_000), new Snapshots.StreamCount("right", 2, 2, 2,
                        0, 1, 50_000))))));
        now.addAndGet(TimeUnit.MINUTES.toMillis(11));
        agg.record(workerListingAllTasks("h:6700", List.of(new Snapshots.Task(1, 6, 0, 6, 0, List.of(
                new Snapshots.StreamCount("left", 4, 4, 4, 0, 4, 10_000), new Snapshots.StreamCount("right", 2, 2, 2,
                        0, 1, 50_000))))));
        List<Snapshots.StreamCount> tenMinutes = agg.view("t", Window.TEN_MINUTES).bolts().get(0).taskCounts().get(0)
                .streams();
        assertEquals(4.0, tenMinutes.get(0).completeLatencyMs(), "left's two samples of the last eleven minutes");
        assertEquals(0.0, tenMinutes.get(1).completeLatencyMs(), "right: none sampled in them");
        List<Snapshots.StreamCount> all = agg.view("t", Window.ALL_TIME).bolts().get(0).taskCounts().get(0).streams();
        assertEquals(2.5, all.get(0).completeLatencyMs());
        assertEquals(50.0, all.get(1).completeLatencyMs());
    }

    @Test
    void backpressureIsReportedPerWorker() {
        agg.record(workerListingAllTasks("h:6700", List.of()));
        agg.record(workerListingAllTasks("h:6701", List.of()));
        assertEquals(List.of("h:6700", "h:6701"), List.copyOf(agg.view("t", Window.ALL_TIME).backpressure().keySet()));
    }
}
