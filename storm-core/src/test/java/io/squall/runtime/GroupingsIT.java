package io.squall.runtime;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.TupleUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each grouping delivers to the tasks it promises; streams route independently; ticks arrive. */
class GroupingsIT {
    /** (component, receiving task) → tuples received, and for direct: the chosen task of each tuple. */
    static final Map<String, Map<Integer, AtomicInteger>> RECEIVED = new ConcurrentHashMap<>();
    static final List<String> DIRECT_MISMATCHES = new CopyOnWriteArrayList<>();
    static final List<Long> TICKS = new CopyOnWriteArrayList<>();

    /** Emits n numbers on "default" and on "odd" (odd ones), plus each number directly to a task of "direct". */
    static class NumberSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private transient List<Integer> directTasks;
        private transient int next;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            directTasks = context.getComponentTasks("direct");
        }

        @Override
        public void nextTuple() {
            if (next >= 1000) {
                return;
            }
            int n = next++;
            out.emit(new Values(n, "key" + (n % 17)));
            if (n % 2 == 1) {
                out.emit("odd", new Values(n));
            }
            int target = directTasks.get(n % directTasks.size());
            out.emitDirect(target, "direct", new Values(n, target));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n", "key"));
            declarer.declareStream("odd", new Fields("n"));
            declarer.declareStream("direct", true, new Fields("n", "target"));
        }
    }

    /** Records which task received what. */
    static class Recorder extends BaseRichBolt {
        private transient OutputCollector out;
        private transient String component;
        private transient int task;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
            component = context.getThisComponentId();
            task = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input) {
            if (TupleUtils.isTick(input)) {
                TICKS.add(System.nanoTime());
                return;
            }
            RECEIVED.computeIfAbsent(component, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(task, k -> new AtomicInteger()).incrementAndGet();
            if (component.equals("fields")) {
                RECEIVED.computeIfAbsent("fields-key-" + input.getStringByField("key"), k -> new ConcurrentHashMap<>())
                        .computeIfAbsent(task, k -> new AtomicInteger()).incrementAndGet();
            }
            if (input.getSourceStreamId().equals("direct") && input.getIntegerByField("target") != task) {
                DIRECT_MISMATCHES.add(input.getValues() + " reached " + task);
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Sends even numbers to the first target and odd ones to the last. */
    static class EvenOdd implements CustomStreamGrouping {
        private List<Integer> targets;

        @Override
        public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
            targets = targetTasks;
        }

        @Override
        public List<Integer> chooseTasks(int taskId, List<Object> values) {
            int n = (Integer) values.get(0);
            return List.of(n % 2 == 0 ? targets.get(0) : targets.get(targets.size() - 1));
        }
    }

    private static int total(String component) {
        return RECEIVED.getOrDefault(component, Map.of()).values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static Set<Integer> tasks(String component) {
        return new TreeSet<>(RECEIVED.getOrDefault(component, Map.of()).keySet());
    }

    @Test
    @Timeout(60)
    void eachGroupingDeliversToTheRightTasks() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("numbers", new NumberSpout());
        b.setBolt("shuffle", new Recorder(), 3).shuffleGrouping("numbers");
        b.setBolt("fields", new Recorder(), 3).fieldsGrouping("numbers", new Fields("key"));
        b.setBolt("all", new Recorder(), 3).allGrouping("numbers");
        b.setBolt("global", new Recorder(), 3).globalGrouping("numbers");
        b.setBolt("direct", new Recorder(), 3).directGrouping("numbers", "direct");
        b.setBolt("local", new Recorder(), 2).localOrShuffleGrouping("numbers");
        b.setBolt("none", new Recorder(), 2).noneGrouping("numbers");
        b.setBolt("custom", new Recorder(), 3).customGrouping("numbers", new EvenOdd());
        b.setBolt("odd", new Recorder(), 2).shuffleGrouping("numbers", "odd");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("groupings", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> total("all") == 3000 && total("custom") == 1000
                    && total("odd") == 500 && total("direct") == 1000 && total("global") == 1000
                    && total("shuffle") == 1000 && total("fields") == 1000 && total("local") == 1000
                    && total("none") == 1000, () -> "every bolt to receive its tuples: " + RECEIVED);
            List<Integer> globalTasks = cluster.getComponentStats("groupings").containsKey("global")
                    ? List.copyOf(tasks("global")) : List.of();
            assertEquals(1, globalTasks.size(), "global goes to one task");
            assertEquals(3, tasks("shuffle").size(), "shuffle spreads over every task");
            RECEIVED.getOrDefault("shuffle", Map.of()).values()
                    .forEach(n -> assertTrue(Math.abs(n.get() - 333) <= 1, "round-robin is even: " + n));
            assertEquals(3, tasks("all").size());
            RECEIVED.get("all").values().forEach(n -> assertEquals(1000, n.get(), "all: every task gets every tuple"));
            RECEIVED.forEach((k, v) -> {
                if (k.startsWith("fields-key-")) {
                    assertEquals(1, v.size(), k + " reached tasks " + v.keySet());
                }
            });
            assertTrue(DIRECT_MISMATCHES.isEmpty(), "direct tuples reached the chosen task: " + DIRECT_MISMATCHES);
            assertEquals(2, tasks("custom").size(), "custom grouping used the first and last task only");
            assertEquals(2, tasks("local").size(), "local-or-shuffle spreads over the local tasks");
        }
    }

    @Test
    @Timeout(30)
    void tickTuplesArriveAtTheConfiguredRate() {
        TICKS.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("numbers", new NumberSpout());
        b.setBolt("ticked", new Recorder()).shuffleGrouping("numbers")
                .addConfiguration(Config.TOPOLOGY_TICK_TUPLE_FREQ_SECS, 1);
        try (LocalCluster cluster = new LocalCluster()) {
            long start = System.nanoTime();
            cluster.submitTopology("ticks", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(20), () -> TICKS.size() >= 3, () -> TICKS.size() + " ticks");
            double elapsed = (TICKS.get(2) - start) / 1e9;
            assertTrue(elapsed >= 2.9 && elapsed < 4.5, "third tick after ~3s, was " + elapsed);
            double gap = (TICKS.get(2) - TICKS.get(1)) / 1e9;
            assertTrue(gap > 0.8 && gap < 1.5, "ticks one second apart, was " + gap);
        }
    }
}
