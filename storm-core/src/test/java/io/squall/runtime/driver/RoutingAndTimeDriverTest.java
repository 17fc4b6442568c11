package io.squall.runtime.driver;

import io.squall.Config;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.runtime.driver.Fixtures.CountingSpout;
import io.squall.runtime.driver.Fixtures.Received;
import io.squall.runtime.driver.Fixtures.RecordingBolt;
import io.squall.runtime.driver.Fixtures.Then;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every grouping's choice of tasks, tick tuples and windows, on the deterministic driver. */
@Timeout(value = 5, unit = TimeUnit.SECONDS)
class RoutingAndTimeDriverTest {
    private static final int TUPLES = 60;
    private static final int KEYS = 6;
    /** Tasks of each grouping's bolt, by bolt, from one run of a topology with every grouping. */
    private static Map<String, Map<Integer, List<Received>>> byBolt;

    /** Emits with emitDirect to the last task of "direct", and sends everything on the default stream too. */
    static final class DirectSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector collector;
        private transient List<Integer> targets;
        private transient int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.targets = context.getComponentTasks("direct");
        }

        @Override
        public void nextTuple() {
            if (next >= TUPLES) {
                return;
            }
            int n = next++;
            collector.emit(new Values("k" + (n % KEYS), n), n);
            collector.emitDirect(targets.get(targets.size() - 1), "direct", new Values(n), n);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "n"));
            declarer.declareStream("direct", true, new Fields("n"));
        }
    }

    /** Sends even numbers to the first target task and odd ones to the second. */
    static final class EvenOddGrouping implements CustomStreamGrouping {
        private static final long serialVersionUID = 1L;
        private List<Integer> targets;

        @Override
        public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
            targets = new ArrayList<>(targetTasks);
        }

        @Override
        public List<Integer> chooseTasks(int taskId, List<Object> values) {
            return List.of(targets.get((Integer) values.get(1) % 2));
        }
    }

    @BeforeAll
    static void runEveryGrouping() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new DirectSpout());
        String[] bolts = {"shuffle", "fields", "all", "global", "direct", "localOrShuffle", "none", "custom"};
        for (String bolt : bolts) {
            var d = b.setBolt(bolt, new RecordingBolt("g-" + bolt, Then.ACK), 3);
            switch (bolt) {
                case "shuffle" -> d.shuffleGrouping("spout");
                case "fields" -> d.fieldsGrouping("spout", new Fields("key"));
                case "all" -> d.allGrouping("spout");
                case "global" -> d.globalGrouping("spout");
                case "direct" -> d.directGrouping("spout", "direct");
                case "localOrShuffle" -> d.localOrShuffleGrouping("spout");
                case "none" -> d.noneGrouping("spout");
                default -> d.customGrouping("spout", new EvenOddGrouping());
            }
        }
        Config conf = new Config();
        conf.setNumAckers(1);
        byBolt = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(b.createTopology(), conf)) {
            driver.runUntilIdle();
            assertEquals(2 * TUPLES, driver.counts("spout").acked(), "every tree completes");
            for (String bolt : bolts) {
                Map<Integer, List<Received>> byTask = new TreeMap<>();
                for (Object o : Fixtures.log("g-" + bolt)) {
                    Received r = (Received) o;
                    byTask.computeIfAbsent(r.task(), k -> new ArrayList<>()).add(r);
                }
                byBolt.put(bolt, byTask);
            }
        }
    }

    @AfterAll
    static void clearLogs() {
        Fixtures.LOGS.clear();
    }

    private static int total(String bolt) {
        return byBolt.get(bolt).values().stream().mapToInt(List::size).sum();
    }

    @Test
    void shuffleSpreadsTuplesOverEveryTaskEvenly() {
        assertEquals(TUPLES, total("shuffle"));
        assertEquals(3, byBolt.get("shuffle").size());
        byBolt.get("shuffle").values().forEach(l -> assertEquals(TUPLES / 3, l.size(), "round robin over 3 tasks"));
    }

    @Test
    void fieldsSendsEachKeyToOneTask() {
        assertEquals(TUPLES, total("fields"));
        Map<Object, Integer> taskOfKey = new HashMap<>();
        byBolt.get("fields").forEach((task, got) -> got.forEach(r -> {
            Integer before = taskOfKey.put(r.values().get(0), task);
            assertTrue(before == null || before.equals(task), "key " + r.values().get(0) + " went to two tasks");
        }));
        assertEquals(KEYS, taskOfKey.size());
    }

    @Test
    void allSendsEveryTupleToEveryTask() {
        assertEquals(3, byBolt.get("all").size());
        byBolt.get("all").values().forEach(l -> assertEquals(TUPLES, l.size()));
    }

    @Test
    void globalSendsEverythingToTheLowestTask() {
        Map<Integer, List<Received>> got = byBolt.get("global");
        assertEquals(1, got.size());
        assertEquals(TUPLES, total("global"));
        int lowest = Fixtures.LOGS.get("g-global-tasks").stream().mapToInt(t -> (Integer) t).min().orElseThrow();
        assertEquals(Set.of(lowest), got.keySet());
    }

    @Test
    void directSendsToTheTaskTheEmitterNamed() {
        Map<Integer, List<Received>> got = byBolt.get("direct");
        List<Object> tasks = Fixtures.LOGS.get("g-direct-tasks");
        assertEquals(Set.of(tasks.get(tasks.size() - 1)), got.keySet());
        assertEquals(TUPLES, total("direct"));
        got.values().iterator().next().forEach(r -> assertEquals("direct", r.stream()));
    }

    @Test
    void localOrShuffleSpreadsOverTheLocalTasks() {
        assertEquals(TUPLES, total("localOrShuffle"));
        assertEquals(3, byBolt.get("localOrShuffle").size(), "all three tasks run in this worker");
    }

    @Test
    void noneDeliversEachTupleOnce() {
        assertEquals(TUPLES, total("none"));
        Set<Object> seen = new HashSet<>();
        byBolt.get("none").values().forEach(l -> l.forEach(r -> assertTrue(seen.add(r.values().get(1)))));
    }

    @Test
    void customSendsWhereTheGroupingChooses() {
        Map<Integer, List<Received>> got = byBolt.get("custom");
        assertEquals(2, got.size(), "even to the first task, odd to the second, none to the third");
        List<Integer> tasks = new ArrayList<>(got.keySet());
        got.get(tasks.get(0)).forEach(r -> assertEquals(0, (Integer) r.values().get(1) % 2));
        got.get(tasks.get(1)).forEach(r -> assertEquals(1, (Integer) r.values().get(1) % 2));
    }

    @Test
    void sendsTickTuplesAtTheConfiguredFrequencyOfSimulatedTime() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("ticks-spout", 0, 1));
        b.setBolt("ticked", new RecordingBolt("ticks", Then.ACK), 2).shuffleGrouping("spout")
                .addConfiguration(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 5);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), new Config())) {
            d.runUntilIdle();
            assertEquals(0, Fixtures.log("ticks").size());
            d.advance(Duration.ofSeconds(4), Duration.ofSeconds(1));
            assertEquals(0, Fixtures.log("ticks").size(), "no tick before 5 s");
            d.advance(Duration.ofSeconds(16), Duration.ofSeconds(1));
            // 4 ticks (at 5, 10, 15, 20 s) for each of the 2 tasks.
            assertEquals(8, Fixtures.log("ticks").size());
            Fixtures.log("ticks").forEach(o -> assertEquals("tick", ((Received) o).stream()));
        }
    }

    /** Logs the size of each window it is given and emits nothing. */
    static final class WindowSizes extends BaseWindowedBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            List<Object> values = new ArrayList<>();
            for (Tuple t : window.get()) {
                values.add(t.getValue(1));
            }
            Fixtures.log("windows").add(values);
        }
    }

    @Test
    void firesTumblingWindowsOnSimulatedTime() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new CountingSpout("windows-spout", 5, 1));
        b.setBolt("window", new WindowSizes().withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)))
                .shuffleGrouping("spout");
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(60);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.runUntilIdle();
            d.advance(Duration.ofSeconds(9), Duration.ofSeconds(1));
            assertEquals(0, Fixtures.log("windows").size(), "the first window ends at 10 s");
            d.advance(Duration.ofSeconds(2), Duration.ofSeconds(1));
            assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Fixtures.log("windows"));
            d.advance(Duration.ofSeconds(10), Duration.ofSeconds(1));
            assertEquals(List.of(List.of(0, 1, 2, 3, 4)), Fixtures.log("windows"), "an empty window does not fire");
            assertEquals(5, d.counts("spout").acked(), "each tuple is acked once no later window can hold it");
        }
    }
}
