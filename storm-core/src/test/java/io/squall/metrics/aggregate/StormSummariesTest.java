package io.squall.metrics.aggregate;

import io.squall.metrics.builtin.Snapshots;
import io.squall.runtime.api.ComponentCounts;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.ExecutorStats;
import io.squall.topology.BoltStats;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.TopologyInfo;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.BasicOutputCollector;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's view of a topology's counts: keyed by the component's stream, as Storm's readers look them up. */
class StormSummariesTest {
    /** A bolt that declares two streams. */
    static final class TwoStreams extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("left", new Fields("x"));
            declarer.declareStream("right", new Fields("x"));
        }
    }

    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("split", new TwoStreams()).shuffleGrouping("words");
        b.setBolt("count", new TestWordCounter()).shuffleGrouping("split", "left");
        return b.createTopology();
    }

    @Test
    void aComponentsCountsAreUnderItsStreamWhenItDeclaresOneElseUnderAll() {
        StormTopology t = topology();
        assertEquals("default", StormSummaries.countedStream(t.getComponent("words")));
        assertEquals(ExecutorStats.ALL_STREAMS, StormSummaries.countedStream(t.getComponent("split")));
        assertEquals(ExecutorStats.ALL_STREAMS, StormSummaries.countedStream(null));
    }

    @Test
    void aBoltsInputFiguresAreUnderItsOneInputElseUnderAllInputs() {
        StormTopology t = topology();
        assertEquals(new GlobalStreamId("words", "default"), StormSummaries.countedInput(t.getComponent("split")));
        assertEquals(new GlobalStreamId("split", "left"), StormSummaries.countedInput(t.getComponent("count")));
        assertEquals(BoltStats.ALL_INPUTS, StormSummaries.countedInput(t.getComponent("words")), "a spout");
        assertEquals(BoltStats.ALL_INPUTS, StormSummaries.countedInput(null));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("a", new TestWordSpout());
        b.setSpout("b", new TestWordSpout());
        b.setBolt("both", new TestWordCounter()).shuffleGrouping("a").shuffleGrouping("b");
        assertEquals(BoltStats.ALL_INPUTS, StormSummaries.countedInput(b.createTopology().getComponent("both")),
                "two inputs are counted together");
    }

    @Test
    void stormsEmittedCountOfTheDefaultStreamIsTheSpoutsTotal() {
        StormTopology t = topology();
        Map<String, ComponentCounts> counts = Map.of(
                "words", new ComponentCounts("words", 40, 40, 0, 30, 1, 0, 0, 0, 2.0, Map.of()),
                "split", new ComponentCounts("split", 70, 70, 40, 40, 0, 0, 0, 0, 0.0, Map.of()));
        TopologyInfo info = StormSummaries.fromStats("t-1", "t", "ACTIVE", 5, counts, "words"::equals,
                c -> List.of(new StormSummaries.ExecutorPlace(1, 1, "localhost", 0)), c -> List.of(), c -> List.of(),
                t::getComponent);
        Map<String, ExecutorStats> byComponent = new java.util.HashMap<>();
        info.get_executors().forEach(e -> byComponent.put(e.get_component_id(), e.get_stats()));
        assertEquals(Map.of("default", 40L), byComponent.get("words").get_emitted().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("default", 30L),
                byComponent.get("words").get_specific().get_spout().get_acked().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of(new GlobalStreamId("words", "default"), 40L),
                byComponent.get("split").get_specific().get_bolt().get_executed().get(ExecutorStats.ALL_TIME),
                "a bolt's executed tuples under its one input, as Storm's readers look them up");
        assertEquals(Map.of(ExecutorStats.ALL_STREAMS, 70L),
                byComponent.get("split").get_emitted().get(ExecutorStats.ALL_TIME));
    }

    private static Snapshots.Worker worker(String worker, long timeMillis, List<Snapshots.Task> tasks) {
        long emitted = tasks.stream().mapToLong(Snapshots.Task::emitted).sum();
        long acked = tasks.stream().mapToLong(Snapshots.Task::acked).sum();
        Snapshots.Component spout = new Snapshots.Component("words", "spout", 1, 4, emitted, 2 * emitted, 0, acked, 0,
                0, 0, Map.of(), new Snapshots.Latency(acked, acked * 1000, 1, 1, 1, 1), Snapshots.Latency.NONE,
                Snapshots.Latency.NONE, 0, 0, 0, 1024, 0, tasks);
        return new Snapshots.Worker("t", "t-1", worker, timeMillis, 1000, 5, true, List.of(spout), List.of(),
                new Snapshots.Backpressure(false, 0, 0, null, List.of()), new Snapshots.Jvm(1, 2, 3, 4, 5, 6),
                List.of(), Map.of());
    }

    /**
     * Storm's tools count a component's executors and add up their emitted counts (its integration tests wait for a
     * spout's executors and its progress so): each executor is reported with its own tasks' counts and its worker.
     */
    @Test
    void eachExecutorIsReportedWithItsTasksCountsAndItsWorker() {
        StormTopology t = topology();
        AtomicLong now = new AtomicLong(TimeUnit.DAYS.toMillis(20_000));
        MetricsAggregator agg = new MetricsAggregator(now::get);
        agg.record(worker("h1:6700", now.get(), List.of(new Snapshots.Task(1, 10, 0, 10, 0),
                new Snapshots.Task(2, 20, 0, 20, 0))));
        agg.record(worker("h2:6701", now.get(), List.of(new Snapshots.Task(3, 30, 0, 30, 0),
                new Snapshots.Task(4, 40, 0, 40, 0))));
        now.addAndGet(TimeUnit.MINUTES.toMillis(15));
        agg.record(worker("h2:6701", now.get(), List.of(new Snapshots.Task(3, 35, 0, 35, 0),
                new Snapshots.Task(4, 40, 0, 40, 0))));
        Map<String, TopologyMetrics> views = new java.util.LinkedHashMap<>();
        StormSummaries.STORM_WINDOWS.forEach((key, window) -> views.put(key, agg.view("t", window)));
        Map<String, List<StormSummaries.ExecutorPlace>> places = Map.of("words", List.of(
                new StormSummaries.ExecutorPlace(1, 2, "h1", 6700),
                new StormSummaries.ExecutorPlace(3, 4, "h2", 6701)));

        List<ExecutorSummary> executors = StormSummaries.fromMetrics("t-1", "t", "ACTIVE", views, places,
                "words"::equals, t::getComponent).get_executors();

        assertEquals(2, executors.size());
        ExecutorSummary first = executors.get(0);
        ExecutorSummary second = executors.get(1);
        assertEquals(List.of(1, 2, "h1", 6700), List.of(first.get_executor_info().get_task_start(),
                first.get_executor_info().get_task_end(), first.get_host(), first.get_port()));
        assertEquals(List.of(3, 4, "h2", 6701), List.of(second.get_executor_info().get_task_start(),
                second.get_executor_info().get_task_end(), second.get_host(), second.get_port()));
        assertEquals(Map.of("default", 30L), first.get_stats().get_emitted().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("default", 75L), second.get_stats().get_emitted().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("default", 0L), first.get_stats().get_emitted().get("600"), "nothing in the last 10 min");
        assertEquals(Map.of("default", 5L), second.get_stats().get_emitted().get("600"));
        assertEquals(Map.of("default", 75L),
                second.get_stats().get_specific().get_spout().get_acked().get(ExecutorStats.ALL_TIME));
        List<ExecutorSummary> unreported = StormSummaries.fromMetrics("t-1", "t", "ACTIVE", Map.of(), places,
                "words"::equals, t::getComponent).get_executors();
        assertEquals(2, unreported.size(), "executors are listed before their workers report");
        assertEquals(Map.of(), unreported.get(1).get_stats().get_emitted());
        assertEquals(6701, unreported.get(1).get_port());
        assertEquals(2 * 105L, first.get_stats().get_transferred().get(ExecutorStats.ALL_TIME).get("default")
                + second.get_stats().get_transferred().get(ExecutorStats.ALL_TIME).get("default"),
                "the component's transferred count, shared by emitted");
    }

    /** A component that emits on two streams is reported by stream, each executor with its own tasks' streams. */
    @Test
    void aComponentWithSeveralStreamsIsCountedByStream() {
        StormTopology t = topology();
        AtomicLong now = new AtomicLong(TimeUnit.DAYS.toMillis(20_000));
        MetricsAggregator agg = new MetricsAggregator(now::get);
        Snapshots.Task one = new Snapshots.Task(1, 10, 0, 0, 0, List.of(new Snapshots.StreamCount("left", 7, 14),
                new Snapshots.StreamCount("right", 3, 3)));
        Snapshots.Task two = new Snapshots.Task(2, 5, 0, 0, 0, List.of(new Snapshots.StreamCount("left", 5, 10)));
        agg.record(worker("h1:6700", now.get(), List.of(one, two)));
        Map<String, TopologyMetrics> views = new java.util.LinkedHashMap<>();
        StormSummaries.STORM_WINDOWS.forEach((key, window) -> views.put(key, agg.view("t", window)));
        Map<String, List<StormSummaries.ExecutorPlace>> places = Map.of("words", List.of(
                new StormSummaries.ExecutorPlace(1, 1, "h1", 6700),
                new StormSummaries.ExecutorPlace(2, 2, "h1", 6700)));

        List<ExecutorSummary> executors = StormSummaries.fromMetrics("t-1", "t", "ACTIVE", views, places,
                "words"::equals, c -> t.getComponent("split")).get_executors();

        assertEquals(Map.of("left", 7L, "right", 3L),
                executors.get(0).get_stats().get_emitted().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("left", 14L, "right", 3L),
                executors.get(0).get_stats().get_transferred().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of("left", 5L), executors.get(1).get_stats().get_emitted().get("600"));
        List<ExecutorSummary> one1 = StormSummaries.fromMetrics("t-1", "t", "ACTIVE", views,
                Map.of("words", List.of(new StormSummaries.ExecutorPlace(1, 2, "h1", 6700))), "words"::equals,
                c -> t.getComponent("split")).get_executors();
        assertEquals(Map.of("left", 12L, "right", 3L),
                one1.get(0).get_stats().get_emitted().get(ExecutorStats.ALL_TIME),
                "one executor: its tasks' streams added up");
    }

    /**
     * A bolt with two inputs is reported by input, as Storm's, each executor with its own tasks' inputs, in each
     * window (the second report's differences), with the component's latencies for each.
     */
    @Test
    void aBoltWithSeveralInputsIsCountedByInput() {
        AtomicLong now = new AtomicLong(TimeUnit.DAYS.toMillis(20_000));
        MetricsAggregator agg = new MetricsAggregator(now::get);
        agg.record(worker("h1:6700", now.get(), List.of(new Snapshots.Task(1, 0, 10, 9, 1, List.of(),
                List.of(new Snapshots.InputCount("a", "default", 6, 5, 1),
                        new Snapshots.InputCount("b", "default", 4, 4, 0))))));
        now.addAndGet(10_000);
        agg.record(worker("h1:6700", now.get(), List.of(new Snapshots.Task(1, 0, 13, 12, 1, List.of(),
                List.of(new Snapshots.InputCount("a", "default", 7, 6, 1),
                        new Snapshots.InputCount("b", "default", 6, 6, 0))))));
        Map<String, TopologyMetrics> views = new java.util.LinkedHashMap<>();
        StormSummaries.STORM_WINDOWS.forEach((key, window) -> views.put(key, agg.view("t", window)));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("a", new TestWordSpout());
        b.setSpout("b", new TestWordSpout());
        b.setBolt("words", new TestWordCounter()).shuffleGrouping("a").shuffleGrouping("b");
        StormTopology t = b.createTopology();

        ExecutorSummary e = StormSummaries.fromMetrics("t-1", "t", "ACTIVE", views,
                Map.of("words", List.of(new StormSummaries.ExecutorPlace(1, 1, "h1", 6700))), c -> false,
                t::getComponent).get_executors().get(0);
        BoltStats bolt = e.get_stats().get_specific().get_bolt();
        GlobalStreamId a = new GlobalStreamId("a", "default");
        GlobalStreamId bIn = new GlobalStreamId("b", "default");
        assertEquals(Map.of(a, 7L, bIn, 6L), bolt.get_executed().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of(a, 6L, bIn, 6L), bolt.get_acked().get(ExecutorStats.ALL_TIME));
        assertEquals(Map.of(a, 1L, bIn, 0L), bolt.get_failed().get(ExecutorStats.ALL_TIME));
        assertEquals(2, bolt.get_execute_ms_avg().get(ExecutorStats.ALL_TIME).size(), "a latency for each input");
    }
}
