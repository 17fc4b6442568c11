package io.squall.metric;

import io.squall.Config;
import io.squall.metric.api.AssignableMetric;
import io.squall.metric.api.CombinedMetric;
import io.squall.metric.api.CountMetric;
import io.squall.metric.api.ICombiner;
import io.squall.metric.api.IMetricsConsumer;
import io.squall.metric.api.MeanReducer;
import io.squall.metric.api.MultiCountMetric;
import io.squall.metric.api.ReducedMetric;
import io.squall.task.IErrorReporter;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class V1MetricsTest {
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    /** Records "task:name=value" of every data point, and the registration argument. */
    public static class RecordingConsumer implements IMetricsConsumer {
        @Override
        public void prepare(Map<String, Object> topoConf, Object registrationArgument, TopologyContext context,
                            IErrorReporter errorReporter) {
            RECEIVED.add("arg=" + registrationArgument);
        }

        @Override
        public void handleDataPoints(TaskInfo taskInfo, Collection<DataPoint> dataPoints) {
            for (DataPoint p : dataPoints) {
                RECEIVED.add(taskInfo.srcComponentId + "/" + taskInfo.srcTaskId + ":" + p.name + "=" + p.value);
            }
        }

        @Override
        public void cleanup() {
            RECEIVED.add("cleanup");
        }
    }

    @Test
    void metricsReportAndResetPerBucket() {
        CountMetric count = new CountMetric();
        count.incr();
        count.incrBy(4);
        assertEquals(5L, count.getValueAndReset());
        assertEquals(0L, count.getValueAndReset());
        MultiCountMetric multi = new MultiCountMetric();
        multi.scope("a").incr();
        multi.scope("b").incrBy(2);
        assertEquals(Map.of("a", 1L, "b", 2L), multi.getValueAndReset());
        ReducedMetric mean = new ReducedMetric(new MeanReducer());
        assertNull(mean.getValueAndReset());
        mean.update(1);
        mean.update(2.0);
        assertEquals(1.5, mean.getValueAndReset());
        CombinedMetric max = new CombinedMetric(new ICombiner<Long>() {
            @Override
            public Long identity() {
                return 0L;
            }

            @Override
            public Long combine(Long a, Long b) {
                return Math.max(a, b);
            }
        });
        max.update(3L);
        max.update(2L);
        assertEquals(3L, max.getValueAndReset());
        assertEquals(0L, max.getValueAndReset());
        AssignableMetric assigned = new AssignableMetric("x");
        assertEquals("x", assigned.getValueAndReset());
        assertEquals("x", assigned.getValueAndReset());
    }

    @Test
    void theWorkerReadsEachBucketAndFeedsTheRegisteredConsumers() {
        RECEIVED.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        StormTopology t = b.createTopology();
        Config conf = new Config();
        conf.registerMetricsConsumer(RecordingConsumer.class, "arg1", 1);
        WorkerTopologyContext worker = new WorkerTopologyContext(t, conf, Map.of(1, "words"), "t-1", 0, List.of(1));
        V1Metrics v1 = new V1Metrics(worker, conf, getClass().getClassLoader());
        TopologyContext context = new TopologyContext(worker, 1, new io.squall.metrics.TaggedRegistry(), v1.registry(),
                getClass().getClassLoader(), io.squall.utils.Clock.SYSTEM);
        CountMetric every2s = context.registerMetric("count", new CountMetric(), 2);
        ReducedMetric mean = context.registerMetric("mean", new MeanReducer(), 1);
        assertSame(every2s, context.getRegisteredMetricByName("count"));
        assertThrows(IllegalArgumentException.class, () -> context.registerMetric("count", new CountMetric(), 1));
        assertThrows(IllegalArgumentException.class, () -> context.registerMetric("zero", new CountMetric(), 0));

        v1.start();
        try {
            long t0 = 1_000_000L;
            v1.tick(t0);                 // first tick: buckets start now
            every2s.incrBy(3);
            mean.update(10);
            v1.tick(t0 + 1000);          // the 1 s bucket ends
            v1.tick(t0 + 2000);          // both end; the mean had nothing new
            assertEquals(List.of("arg=arg1", "words/1:mean=10.0", "words/1:count=3"), new ArrayList<>(RECEIVED));
            assertEquals(3L, v1.lastValue(1, "count"));
        } finally {
            v1.close();
        }
        assertTrue(RECEIVED.contains("cleanup"));
    }

    /** A worker metric of topology.worker.metrics. */
    public static class FortyTwo implements io.squall.metric.api.IMetric {
        @Override
        public Object getValueAndReset() {
            return 42;
        }
    }

    @Test
    void eachWorkerReportsItsMemoryGcAndConfiguredMetricsAsTheSystemTask() {
        RECEIVED.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        StormTopology t = b.createTopology();
        Config conf = new Config();
        conf.registerMetricsConsumer(RecordingConsumer.class, "arg1", 1);
        conf.put(Config.TOPOLOGY_BUILTIN_METRICS_BUCKET_SIZE_SECS, 1);
        conf.put(Config.TOPOLOGY_WORKER_METRICS, Map.of("answer", FortyTwo.class.getName(), "broken", "no.such.Metric"));
        WorkerTopologyContext worker = new WorkerTopologyContext(t, conf, Map.of(1, "words"), "t-1", 0, List.of(1));
        V1Metrics v1 = new V1Metrics(worker, conf, getClass().getClassLoader());
        v1.start(); // the metric that cannot be created is logged and left out; the worker goes on
        try {
            long t0 = 1_000_000L;
            v1.tick(t0);
            v1.tick(t0 + 1000);
            assertTrue(RECEIVED.contains("__system/-1:answer=42"), RECEIVED.toString());
            assertTrue(RECEIVED.stream().anyMatch(r -> r.startsWith("__system/-1:memory/heap={") && r.contains(
                    "usedBytes=")), RECEIVED.toString());
            assertTrue(RECEIVED.stream().anyMatch(r -> r.startsWith("__system/-1:GC/") && r.contains("timeMs=")),
                    RECEIVED.toString());
            assertTrue(RECEIVED.stream().noneMatch(r -> r.contains("broken")), RECEIVED.toString());
        } finally {
            v1.close();
        }
    }

    static final List<IMetricsConsumer.DataPoint> POINTS = new CopyOnWriteArrayList<>();

    /** Keeps every data point. */
    public static class PointConsumer implements IMetricsConsumer {
        @Override
        public void prepare(Map<String, Object> topoConf, Object registrationArgument, TopologyContext context,
                            IErrorReporter errorReporter) {
        }

        @Override
        public void handleDataPoints(TaskInfo taskInfo, Collection<DataPoint> dataPoints) {
            POINTS.addAll(dataPoints);
        }

        @Override
        public void cleanup() {
        }
    }

    /** A queue depth measured per queue: the queue is its dimension. */
    static final class QueueDepth implements io.squall.metric.api.IMetric {
        @Override
        public Object getValueAndReset() {
            return 7;
        }

        @Override
        public Map<String, String> getDimensions() {
            return Map.of("queue", "orders");
        }
    }

    @Test
    void aMetricsDimensionsReachTheConsumersWithItsValue() {
        POINTS.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        Config conf = new Config();
        conf.registerMetricsConsumer(PointConsumer.class, 1);
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), conf, Map.of(1, "words"), "t-1",
                0, List.of(1));
        V1Metrics v1 = new V1Metrics(worker, conf, getClass().getClassLoader());
        TopologyContext context = new TopologyContext(worker, 1, new io.squall.metrics.TaggedRegistry(), v1.registry(),
                getClass().getClassLoader(), io.squall.utils.Clock.SYSTEM);
        context.registerMetric("depth", new QueueDepth(), 1);
        CountMetric plain = context.registerMetric("plain", new CountMetric(), 1);
        plain.incr();
        v1.start();
        try {
            v1.tick(1_000_000L);
            v1.tick(1_001_000L);
        } finally {
            v1.close();
        }
        assertEquals(List.of(new IMetricsConsumer.DataPoint("depth", 7, Map.of("queue", "orders")),
                new IMetricsConsumer.DataPoint("plain", 1L)), POINTS.stream()
                .sorted(java.util.Comparator.comparing(p -> p.name)).toList());
        assertEquals(Map.of(), new CountMetric().getDimensions(), "a metric has no dimensions unless it says so");
        assertEquals("[depth = 7, {queue=orders}]", POINTS.stream().filter(p -> p.name.equals("depth"))
                .findFirst().orElseThrow().toString());
    }

    /** A gauge of two values, as a map. */
    static final class Pair implements io.squall.metric.api.IMetric {
        @Override
        public Object getValueAndReset() {
            return new java.util.TreeMap<>(Map.of("a", 1, "b", 2));
        }
    }

    @Test
    void aRegistrationsWhitelistAndMapExpansionShapeWhatItsConsumerIsGiven() {
        RECEIVED.clear();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, List.of(Map.of("class", RecordingConsumer.class.getName(),
                "whitelist", List.of("^pair$", "kept"), "expandMapType", true, "metricNameSeparator", "/")));
        V1Metrics.checkConsumers(conf, getClass().getClassLoader());
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), conf, Map.of(1, "words"), "t-1",
                0, List.of(1));
        V1Metrics v1 = new V1Metrics(worker, conf, getClass().getClassLoader());
        TopologyContext context = new TopologyContext(worker, 1, new io.squall.metrics.TaggedRegistry(), v1.registry(),
                getClass().getClassLoader(), io.squall.utils.Clock.SYSTEM);
        context.registerMetric("pair", new Pair(), 1);
        context.registerMetric("kept-count", new CountMetric(), 1).incr();
        context.registerMetric("dropped", new CountMetric(), 1).incr();
        v1.start();
        try {
            v1.tick(1_000_000L);
            v1.tick(1_001_000L);
        } finally {
            v1.close();
        }
        assertEquals(List.of("arg=null", "words/1:pair/a=1", "words/1:pair/b=2", "words/1:kept-count=1", "cleanup"),
                new ArrayList<>(RECEIVED));
    }

    @Test
    void aRegistrationWithBothListsOrAListOfNonStringsIsRefusedNamingIt() {
        Config both = new Config();
        both.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, List.of(Map.of("class", RecordingConsumer.class.getName(),
                "whitelist", List.of("a"), "blacklist", List.of("b"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> V1Metrics.checkConsumers(both, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
        Config numbers = new Config();
        numbers.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, List.of(Map.of("class", RecordingConsumer.class.getName(),
                "blacklist", List.of(1))));
        e = assertThrows(IllegalArgumentException.class,
                () -> V1Metrics.checkConsumers(numbers, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("blacklist") && e.getMessage().contains("regular expressions"),
                e.getMessage());
        Config badRegex = new Config();
        badRegex.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, List.of(Map.of("class",
                RecordingConsumer.class.getName(), "blacklist", List.of("(unclosed"))));
        e = assertThrows(IllegalArgumentException.class,
                () -> V1Metrics.checkConsumers(badRegex, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("'(unclosed' is not a regular expression"), e.getMessage());

        Config elsewhere = new Config();
        elsewhere.put(Config.TOPOLOGY_METRICS_CONSUMER_REGISTER, List.of(Map.of("class", "on.the.workers.Consumer")));
        assertThrows(IllegalArgumentException.class,
                () -> V1Metrics.checkConsumers(elsewhere, getClass().getClassLoader()));
        elsewhere.setClasspath("/opt/consumers/*");
        V1Metrics.checkConsumers(elsewhere, getClass().getClassLoader()); // The workers' class path may hold it.
    }
}
