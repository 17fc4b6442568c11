package io.squall.metrics;

import com.codahale.metrics.Counter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.config.InvalidConfigException;
import io.squall.metrics.aggregate.MetricsCollector;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.builtin.Snapshots;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsIT {
    static final int SENTENCES = 2000;

    /** Splits "a b c" into three words, anchored, and counts sentences in a user counter. */
    static class Split extends BaseRichBolt {
        private transient OutputCollector out;
        private transient Counter sentences;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
            sentences = context.registerCounter("sentences");
        }

        @Override
        public void execute(Tuple input) {
            for (String w : input.getString(0).split(" ")) {
                out.emit(input, new Values(w));
            }
            sentences.inc();
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Acks every word; fails once each sentence whose number is a multiple of ten. */
    static class Picky extends BaseRichBolt {
        static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            String w = input.getString(0);
            if (w.startsWith("x") && Integer.parseInt(w.substring(1)) % 10 == 0 && FAILED_ONCE.add(w)) {
                out.fail(input);
            } else {
                out.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static List<List<Object>> sentences() {
        List<List<Object>> s = new ArrayList<>();
        for (int i = 0; i < SENTENCES; i++) {
            s.add(new Values("x" + i + " b c"));
        }
        return s;
    }

    private static Snapshots.Component component(Snapshots.Worker w, String id) {
        return w.components().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    @Timeout(60)
    void metricValuesMatchWhatTheTopologySent() throws Exception {
        AckTracker.remove("metrics-exact");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FixedTupleSpout(sentences(), new Fields("sentence"), "metrics-exact"));
        b.setBolt("split", new Split(), 2).shuffleGrouping("spout");
        b.setBolt("count", new Picky(), 2).fieldsGrouping("split", new Fields("word"));
        Config conf = new Config();
        conf.put("topology.metrics.sample.every", 4);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("metrics-exact", conf, b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> AckTracker.named("metrics-exact").distinctAcked() == SENTENCES,
                    () -> "all sentences acked, got " + AckTracker.named("metrics-exact").distinctAcked());
            Snapshots.Worker w = WorkerMetrics.of(cluster, "metrics-exact").snapshot();

            Snapshots.Component spout = component(w, "spout");
            assertEquals("spout", spout.kind());
            assertEquals(SENTENCES, spout.acked());
            assertEquals(SENTENCES / 10, spout.failed(), "explicit fails by count");
            assertEquals(Map.of("count", (long) SENTENCES / 10), spout.failedBy());
            assertEquals(0, spout.timedOut());
            assertEquals(SENTENCES + SENTENCES / 10, spout.emitted(), "every sentence once, the failed ones twice");
            assertEquals(spout.acked() / 4, spout.completeLatency().samples(), "one ack in four sampled");
            assertTrue(spout.completeLatency().p50Ms() > 0 && spout.completeLatency().maxMs() < 30_000,
                    "complete latency plausible: " + spout.completeLatency());
            assertTrue(spout.completeLatency().p99Ms() >= spout.completeLatency().p50Ms());

            Snapshots.Component split = component(w, "split");
            assertEquals(spout.emitted(), split.executed());
            assertEquals(3 * split.executed(), split.emitted());
            assertEquals(split.executed(), split.acked());
            assertEquals(2, split.tasks());
            assertEquals(split.executed(), split.taskCounts().stream().mapToLong(Snapshots.Task::executed).sum());
            assertTrue(split.executeLatency().samples() > 0 && split.processLatency().samples() > 0);
            assertTrue(split.executeLatency().maxMs() < 30_000, "execute latency plausible");
            assertTrue(split.busyMicros() > 0);

            Snapshots.Component count = component(w, "count");
            assertEquals(split.emitted(), count.executed());
            assertEquals(SENTENCES / 10, count.failed());
            assertEquals(count.executed() - SENTENCES / 10, count.acked());

            assertTrue(w.edges().contains(new Snapshots.Edge("spout", "split", spout.emitted())), w.edges().toString());
            assertTrue(w.edges().contains(new Snapshots.Edge("split", "count", split.emitted())), w.edges().toString());
            double userSentences = w.userMetrics().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("user.split.") && e.getKey().endsWith(".sentences"))
                    .mapToDouble(Map.Entry::getValue).sum();
            assertEquals(split.executed(), (long) userSentences, "user counter registered through the context");
            assertTrue(w.jvm().heapUsedBytes() > 0 && w.jvm().heapMaxBytes() > 0);

            ObjectMapper json = new ObjectMapper();
            assertEquals(w, json.readValue(json.writeValueAsString(w), Snapshots.Worker.class),
                    "a snapshot goes to JSON and back unchanged, as a cluster worker would report it");

            MetricsCollector.of(cluster).collect(WorkerMetrics.of(cluster, "metrics-exact"));
            TopologyMetrics tm = MetricsCollector.of(cluster).aggregator().view("metrics-exact", Window.TEN_MINUTES);
            TopologyMetrics.ComponentMetrics aggSpout = tm.spouts().get(0);
            assertEquals(SENTENCES, aggSpout.acked());
            assertEquals(SENTENCES / 10, aggSpout.failed());
            assertEquals(Map.of("count", (long) SENTENCES / 10), aggSpout.failedBy());
            assertTrue(aggSpout.completeLatencyMs() > 0);
            TopologyMetrics all = MetricsCollector.of(cluster).aggregator().view("metrics-exact", Window.ALL_TIME);
            assertEquals(split.emitted(), all.bolts().stream().filter(c -> c.id().equals("split")).findFirst()
                    .orElseThrow().emitted());
        }
    }

    /** Takes a millisecond per tuple. */
    static class Slow extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void aSlowBoltShowsAsTheQueueThatCongestedFirstWithHighCapacity() {
        AckTracker.remove("metrics-slow");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FixedTupleSpout(sentences(), new Fields("sentence"), "metrics-slow"));
        b.setBolt("slow", new Slow()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE, 64);
        conf.put("topology.metrics.sample.every", 1);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("metrics-slow", conf, b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> {
                Snapshots.Backpressure bp = WorkerMetrics.of(cluster, "metrics-slow").snapshot().backpressure();
                return bp.episodes() > 0 && bp.congestedMs() > 0;
            }, () -> "congestion recorded: " + WorkerMetrics.of(cluster, "metrics-slow").snapshot().backpressure());
            Snapshots.Worker w = WorkerMetrics.of(cluster, "metrics-slow").snapshot();
            assertTrue(w.backpressure().lastFirstQueue().startsWith("slow["), w.backpressure().toString());
            Snapshots.Queue q = w.backpressure().queues().stream().filter(x -> x.component().equals("slow"))
                    .findFirst().orElseThrow();
            assertTrue(q.firstCount() > 0 && q.congestedMs() > 0, q.toString());
            assertTrue(component(w, "slow").congestedMs() > 0);

            MetricsCollector.of(cluster).collect(WorkerMetrics.of(cluster, "metrics-slow"));
            Await.until(Duration.ofSeconds(20), () -> {
                MetricsCollector.of(cluster).collect(WorkerMetrics.of(cluster, "metrics-slow"));
                TopologyMetrics m = MetricsCollector.of(cluster).aggregator().view("metrics-slow", Window.TEN_MINUTES);
                return m.bolts().get(0).capacity() > 0.5;
            }, () -> "capacity of the slow bolt near 1: " + MetricsCollector.of(cluster).aggregator()
                    .view("metrics-slow", Window.TEN_MINUTES).bolts().get(0).capacity());
        }
    }

    @Test
    void badMetricsConfigurationIsRejectedAtSubmitNamingTheKey() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FixedTupleSpout(sentences(), new Fields("sentence"), "metrics-bad"));
        Config conf = new Config();
        conf.put("topology.metrics.reporters", List.of("csv", "graphite"));
        try (LocalCluster cluster = new LocalCluster()) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> cluster.submitTopology("metrics-bad", conf, b.createTopology()));
            assertTrue(e.getMessage().contains("topology.metrics.reporters") && e.getMessage().contains("graphite"),
                    e.getMessage());
            conf.put("topology.metrics.reporters", List.of());
            conf.put("topology.metrics.sample.every", 0);
            e = assertThrows(InvalidConfigException.class,
                    () -> cluster.submitTopology("metrics-bad", conf, b.createTopology()));
            assertTrue(e.getMessage().contains("topology.metrics.sample.every"), e.getMessage());
            assertFalse(cluster.isRunning("metrics-bad"));
        }
    }

    @Test
    @Timeout(60)
    void metricsOffKeepsCountersButSamplesNoLatency() {
        AckTracker.remove("metrics-off");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new FixedTupleSpout(sentences(), new Fields("sentence"), "metrics-off"));
        b.setBolt("split", new Split()).shuffleGrouping("spout");
        Config conf = new Config();
        conf.put("topology.metrics.enabled", false);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("metrics-off", conf, b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> AckTracker.named("metrics-off").distinctAcked() == SENTENCES,
                    () -> "all sentences acked");
            Snapshots.Worker w = WorkerMetrics.of(cluster, "metrics-off").snapshot();
            assertEquals(SENTENCES, component(w, "spout").acked());
            assertEquals(0, component(w, "spout").completeLatency().samples());
            assertEquals(0, component(w, "split").executeLatency().samples());
        }
    }
}
