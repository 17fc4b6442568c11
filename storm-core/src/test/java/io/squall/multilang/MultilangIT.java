package io.squall.multilang;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.metric.api.CountMetric;
import io.squall.metric.api.rpc.IShellMetric;
import io.squall.runtime.api.ReportedError;
import io.squall.spout.ShellSpout;
import io.squall.task.OutputCollector;
import io.squall.task.ShellBolt;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.IRichBolt;
import io.squall.topology.IRichSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shell components with real python3 and node subprocesses, in local mode. */
class MultilangIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Storm's canonical Python splitter. */
    public static class Split extends ShellBolt implements IRichBolt {
        public Split() {
            super("python3", "splitsentence.py");
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** A Node.js counter emitting each word with its running count. */
    public static class Count extends ShellBolt implements IRichBolt {
        public Count() {
            super("node", "wordcount.js");
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "count"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** A Python pass-through bolt that misbehaves once, as its FAULT environment variable says. */
    public static class Faulty extends ShellBolt implements IRichBolt {
        public Faulty(String fault) {
            super("python3", "faulty.py");
            setEnv(Map.of("FAULT", fault, "FAULT_AT", "50"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("n"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** A Python spout with message ids; acks and fails are also counted here, by tracker name. */
    public static class Numbers extends ShellSpout implements IRichSpout {
        private final String tracker;

        public Numbers(String tracker, int count) {
            this(tracker, Map.of("SPOUT_COUNT", String.valueOf(count)));
        }

        public Numbers(String tracker, Map<String, String> env) {
            super("python3", "numbers_spout.py");
            this.tracker = tracker;
            setEnv(env);
        }

        @Override
        public void ack(Object msgId) {
            ACKS.computeIfAbsent(tracker + ":" + msgId, k -> new AtomicInteger()).incrementAndGet();
            super.ack(msgId);
        }

        @Override
        public void fail(Object msgId) {
            FAILS.computeIfAbsent(tracker, k -> new AtomicInteger()).incrementAndGet();
            super.fail(msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence", "n"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    static final Map<String, AtomicInteger> ACKS = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> FAILS = new ConcurrentHashMap<>();
    static final Map<String, Map<String, Long>> LATEST = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();

    /** Keeps the latest count of each word, per test. */
    public static class LatestCount extends BaseRichBolt {
        private final String key;
        private transient OutputCollector out;

        LatestCount(String key) {
            this.key = key;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            LATEST.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).merge(input.getString(0),
                    ((Number) input.getValue(1)).longValue(), Math::max);
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Fails the first delivery of every number divisible by 3, acks the rest; counts deliveries per number. */
    public static class FailMultiplesOfThreeOnce extends BaseRichBolt {
        private final String key;
        private transient OutputCollector out;

        FailMultiplesOfThreeOnce(String key) {
            this.key = key;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            long n = ((Number) input.getValue(1)).longValue();
            int seen = SEEN.computeIfAbsent(key + ":" + n, k -> new AtomicInteger()).incrementAndGet();
            if (n % 3 == 0 && seen == 1) {
                out.fail(input);
            } else {
                out.ack(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Acks everything. */
    public static class Sink extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static final String[] WORDS = {"the", "cow", "jumped", "over", "moon", "an", "apple", "a", "day"};

    static final AtomicLong WORDS_METERED = new AtomicLong();

    /** Words metered by the Python splitter, as Storm's IShellMetric sees them: its params added up. */
    public static class WordsMetric implements IShellMetric {
        @Override
        public void updateMetricFromRPC(Object value) {
            WORDS_METERED.addAndGet(((Number) value).longValue());
        }

        @Override
        public Object getValueAndReset() {
            return WORDS_METERED.get();
        }
    }

    /** A Python splitter that meters its words through a metric its Java side registers, as Storm's do. */
    public static class MeteredSplit extends ShellBolt implements IRichBolt {
        public MeteredSplit() {
            super("python3", "metered_split.py");
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            super.prepare(conf, context, collector);
            context.registerMetric("words", new WordsMetric(), 60);
            context.registerMetric("plain", new CountMetric(), 60);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    @Test
    @Timeout(120)
    void aShellMetricRegisteredByTheJavaSideTakesTheSubprocesssMetricsAndAnotherMetricIsAnError() {
        WORDS_METERED.set(0);
        List<List<Object>> sentences = new ArrayList<>();
        long words = 0;
        for (int i = 0; i < 50; i++) {
            sentences.add(List.of(i % 2 == 0 ? "the cow jumped" : "over the moon again"));
            words += i % 2 == 0 ? 3 : 4;
        }
        sentences.add(List.of("plain"));
        long expected = words + 1;
        String tracker = "metered";
        AckTracker.remove(tracker);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentences", new FixedTupleSpout(sentences, new Fields("sentence"), tracker), 1);
        builder.setBolt("split", new MeteredSplit(), 1).shuffleGrouping("sentences");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("ml-metered", new Config(), builder.createTopology());
            AckTracker acks = AckTracker.named(tracker);
            Await.until(WAIT, () -> acks.distinctAcked() == sentences.size() && WORDS_METERED.get() == expected,
                    () -> acks.distinctAcked() + " sentences acked, " + WORDS_METERED.get() + " of " + expected
                            + " words metered, errors " + cluster.getErrors("ml-metered", "split"));
            Await.until(WAIT, () -> cluster.getErrors("ml-metered", "split").stream()
                    .anyMatch(e -> e.message().contains("metric 'plain'")
                            && e.message().contains("not an IShellMetric")),
                    () -> "the error of metric 'plain': " + cluster.getErrors("ml-metered", "split"));
            assertEquals(0, acks.totalFails(), "an error in a metric fails no tuple");
        }
    }

    @Test
    @Timeout(120)
    void pythonSplitterAndNodeCounterGiveExactWordCounts() {
        List<List<Object>> sentences = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < 1 + i % 7; w++) {
                String word = WORDS[(i * 7 + w * 3) % WORDS.length];
                s.append(w == 0 ? "" : " ").append(word);
                expected.merge(word, 1L, Long::sum);
            }
            sentences.add(List.of(s.toString()));
        }
        String tracker = "wordcount";
        AckTracker.remove(tracker);
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentences", new FixedTupleSpout(sentences, new Fields("sentence"), tracker), 1);
        builder.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        builder.setBolt("count", new Count(), 2).fieldsGrouping("split", new Fields("word"));
        builder.setBolt("latest", new LatestCount(tracker), 1).shuffleGrouping("count");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("ml-wordcount", new Config(), builder.createTopology());
            AckTracker acks = AckTracker.named(tracker);
            Await.until(WAIT, () -> acks.distinctAcked() == sentences.size(),
                    () -> acks.distinctAcked() + " of " + sentences.size() + " sentences acked, errors "
                            + cluster.getErrors("ml-wordcount", "split") + cluster.getErrors("ml-wordcount", "count"));
            assertEquals(expected, LATEST.get(tracker));
            assertEquals(0, acks.totalFails());
            assertEquals(sentences.size(), acks.totalAcks());
        }
    }

    @Test
    @Timeout(120)
    void pythonSpoutReplaysFailedIdsAndSeesEachAckOnce() {
        String key = "spout-replay";
        int count = 90;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new Numbers(key, count), 1);
        builder.setBolt("check", new FailMultiplesOfThreeOnce(key), 2).shuffleGrouping("numbers");
        Config conf = new Config();
        conf.setMaxSpoutPending(20);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("ml-spout", conf, builder.createTopology());
            Await.until(WAIT, () -> ackedIds(key, count) == count, () -> ackedIds(key, count) + " of " + count
                    + " acked, errors " + cluster.getErrors("ml-spout", "numbers"));
            for (int i = 0; i < count; i++) {
                assertEquals(1, ACKS.get(key + ":" + i).get(), "acks of id " + i);
                assertEquals(i % 3 == 0 ? 2 : 1, SEEN.get(key + ":" + i).get(), "deliveries of " + i);
            }
            assertEquals(count / 3, FAILS.get(key).get());
        }
    }

    @Test
    @Timeout(120)
    void aShellSpoutThatDiesIsReportedAndRestartedAndEachIdIsAckedOnce() {
        String key = "spout-dies";
        int count = 60;
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new Numbers(key, Map.of("SPOUT_COUNT", String.valueOf(count), "DIE_AT", "25")), 1);
        builder.setBolt("check", new FailMultiplesOfThreeOnce(key), 1).shuffleGrouping("numbers");
        Config conf = new Config();
        conf.setMaxSpoutPending(10);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("ml-spout-dies", conf, builder.createTopology());
            Await.until(WAIT, () -> ackedIds(key, count) == count, () -> ackedIds(key, count) + " of " + count
                    + " acked, errors " + cluster.getErrors("ml-spout-dies", "numbers"));
            for (int i = 0; i < count; i++) {
                assertEquals(1, ACKS.get(key + ":" + i).get(), "acks of id " + i);
            }
            List<ReportedError> errors = cluster.getErrors("ml-spout-dies", "numbers");
            assertTrue(errors.stream().map(ReportedError::message).anyMatch(m -> m.contains("ShellSpout 'numbers'")
                    && m.contains("python3 numbers_spout.py") && m.contains("exit code 4")), errors.toString());
        }
    }

    private static int ackedIds(String key, int count) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (ACKS.containsKey(key + ":" + i)) {
                n++;
            }
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"die", "hang", "garbage", "undeclared", "error"})
    @Timeout(120)
    void aFaultySubprocessIsReportedRestartedAndLosesNothing(String fault) {
        String tracker = "fault-" + fault;
        AckTracker.remove(tracker);
        List<List<Object>> numbers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            numbers.add(List.of(i));
        }
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("numbers", new FixedTupleSpout(numbers, new Fields("n"), tracker), 1);
        builder.setBolt("faulty", new Faulty(fault), 1).shuffleGrouping("numbers");
        builder.setBolt("sink", new Sink(), 1).shuffleGrouping("faulty");
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_SUBPROCESS_TIMEOUT_SECS, 3);
        conf.setMaxSpoutPending(20);
        String name = "ml-fault-" + fault;
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, builder.createTopology());
            AckTracker acks = AckTracker.named(tracker);
            Await.until(WAIT, () -> acks.distinctAcked() == numbers.size(), () -> acks.distinctAcked() + " of "
                    + numbers.size() + " acked, errors " + cluster.getErrors(name, "faulty"));
            for (int i = 0; i < numbers.size(); i++) {
                assertEquals(1, acks.acks(i), "acks of " + i);
            }
            assertTrue(acks.totalFails() >= 1, "the tuple at the fault failed and was replayed");
            List<ReportedError> errors = cluster.getErrors(name, "faulty");
            assertTrue(!errors.isEmpty(), "an error is reported for the component");
            String expected = switch (fault) {
                case "die" -> "dying on purpose";
                case "hang" -> "answered nothing";
                case "garbage" -> "not JSON";
                case "undeclared" -> "nowhere";
                default -> "cannot handle 50";
            };
            assertTrue(errors.stream().map(ReportedError::message).anyMatch(m -> m.contains(expected)
                    && m.contains("'faulty'") && m.contains("python3 faulty.py")), errors.toString());
        }
    }
}
