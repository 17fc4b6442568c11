package io.squall.daemon.local;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.FailedException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.TopologySummary;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A local cluster running a topology in several in-process workers, with tuples crossing them over the wire. */
class LocalWorkersIT {
    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    static final Set<Integer> COUNTER_PORTS = ConcurrentHashMap.newKeySet();
    static final Set<Object> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    /** Splits sentences; fails every tenth sentence's first attempt before emitting, so it is replayed. */
    static class Split extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            int id = input.getIntegerByField("id");
            if (id % 10 == 0 && FAILED_ONCE.add(id)) {
                throw new FailedException("first attempt of sentence " + id);
            }
            for (String w : input.getStringByField("sentence").split(" ")) {
                collector.emit(new Values(w));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    static class Count extends BaseBasicBolt {
        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            COUNTER_PORTS.add(context.getThisWorkerPort());
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            COUNTS.computeIfAbsent(input.getStringByField("word"), k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void countsEveryWordExactlyOverThreeWorkersWithReplays() {
        String[] sentences = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
            "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};
        List<List<Object>> input = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String s = sentences[i % sentences.length];
            input.add(new Values(i, s));
            for (String w : s.split(" ")) {
                expected.merge(w, 1L, Long::sum);
            }
        }
        AckTracker tracker = AckTracker.named("workers-wc");
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentences", new FixedTupleSpout(input, new Fields("id", "sentence"), "workers-wc"));
        builder.setBolt("split", new Split(), 3).shuffleGrouping("sentences");
        builder.setBolt("count", new Count(), 3).fieldsGrouping("split", new Fields("word"));
        Config conf = new Config();
        conf.setNumWorkers(3);
        conf.setMaxSpoutPending(200);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("workers-wc", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(40), () -> tracker.distinctAcked() == input.size(),
                    () -> tracker.distinctAcked() + " of " + input.size() + " sentences acked, "
                            + tracker.totalFails() + " fails");
            TopologySummary summary = cluster.getClusterInfo().get_topologies().get(0);
            assertEquals(3, summary.get_num_workers());
            assertEquals(3, COUNTER_PORTS.size(), "each counter in a worker of its own: " + COUNTER_PORTS);
            assertEquals(input.size() / 10, tracker.totalFails(), "every tenth sentence failed once, then replayed");
            assertEquals(input.size(), cluster.getComponentStats("workers-wc").get("sentences").acked(),
                    "acked trees summed over the workers");
        } finally {
            AckTracker.remove("workers-wc");
        }
        Map<String, Long> actual = new HashMap<>();
        COUNTS.forEach((k, v) -> actual.put(k, v.get()));
        assertEquals(expected, actual);
    }

    /** A value Kryo cannot write: not registered, not Serializable. */
    static final class Reading {
        final Thread owner = Thread.currentThread();
    }

    static class ReadingSpout extends BaseRichSpout {
        private transient SpoutOutputCollector collector;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            collector.emit("readings", new Values(new Reading()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("readings", new Fields("reading"));
        }
    }

    static class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(30)
    void aValueThatCannotCrossWorkersFailsTheTopologyNamingComponentStreamAndClass() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("meter", new ReadingSpout());
        builder.setBolt("sink", new Sink(), 2).shuffleGrouping("meter", "readings");
        Config conf = new Config();
        conf.setNumWorkers(2);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false); // only the wire between the workers can catch it
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("unserializable", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> cluster.getTopologyFailure("unserializable") != null,
                    () -> "the topology fails");
            Throwable failure = cluster.getTopologyFailure("unserializable");
            assertNotNull(failure);
            String message = failure.getMessage();
            assertTrue(message.contains("'meter'") && message.contains("'readings'")
                    && message.contains(Reading.class.getName()), message);
            assertTrue(!cluster.isRunning("unserializable"), "a failed topology stops");
        }
    }

    /** Serializable only, as storm-starter's Rankings: crosses workers by Java serialization. */
    static final class Ranking implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final String word;
        final long count;

        Ranking(String word, long count) {
            this.word = word;
            this.count = count;
        }
    }

    static final Set<String> RANKINGS_SEEN = ConcurrentHashMap.newKeySet();

    static class RankingSpout extends BaseRichSpout {
        private transient SpoutOutputCollector collector;
        private long n;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (n < 100) {
                n++;
                collector.emit(new Values(new Ranking("w" + n, n)), n);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("ranking"));
        }
    }

    static final Set<Integer> RANKING_PORTS = ConcurrentHashMap.newKeySet();

    static class RankingSink extends BaseBasicBolt {
        private int port;

        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            port = context.getThisWorkerPort();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            Ranking r = (Ranking) input.getValue(0);
            RANKINGS_SEEN.add(r.word + "=" + r.count);
            RANKING_PORTS.add(port);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(30)
    void anUnregisteredSerializableValueCrossesWorkersByJavaSerialization() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("rank", new RankingSpout());
        builder.setBolt("sink", new RankingSink(), 2).shuffleGrouping("rank");
        Config conf = new Config();
        conf.setNumWorkers(2);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false); // the wire between the workers serializes
        // A load-aware shuffle would keep the rankings in the spout's worker: round-robin sends half across.
        conf.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("java-fallback", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> RANKINGS_SEEN.size() == 100,
                    () -> RANKINGS_SEEN.size() + " of 100 rankings received");
            assertEquals(null, cluster.getTopologyFailure("java-fallback"));
            assertTrue(RANKINGS_SEEN.contains("w100=100"));
            assertEquals(2, RANKING_PORTS.size(), "rankings received in both workers: " + RANKING_PORTS);
            Await.until(Duration.ofSeconds(20),
                    () -> cluster.getComponentStats("java-fallback").get("rank").acked() == 100,
                    () -> cluster.getComponentStats("java-fallback").get("rank").acked() + " of 100 rankings acked");
        }
    }

    /** Neither Serializable nor registered: only the decorator's serializer can carry it. */
    public static final class Cell {
        final String word;

        Cell(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /** Registers {@link Cell}, written as its word. */
    public static final class CellDecorator implements io.squall.serialization.IKryoDecorator {
        @Override
        public void decorate(com.esotericsoftware.kryo.Kryo k) {
            k.register(Cell.class, new com.esotericsoftware.kryo.Serializer<Cell>() {
                @Override
                public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output out,
                                  Cell c) {
                    out.writeString(c.word);
                }

                @Override
                public Cell read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input in,
                                 Class<? extends Cell> type) {
                    return new Cell(in.readString());
                }
            });
        }
    }

    /** Emits 100 values, each in a tree of its own, made by {@link #value}. */
    abstract static class HundredSpout extends BaseRichSpout {
        private transient SpoutOutputCollector collector;
        private long n;

        abstract Object value(long n);

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (n < 100) {
                n++;
                collector.emit(new Values(value(n)), n);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    static class CellSpout extends HundredSpout {
        @Override
        Object value(long n) {
            return new Cell("c" + n);
        }
    }

    /** Under its run's name, what each value says of itself and the worker ports the values reached. */
    static final Map<String, Set<String>> SEEN = new ConcurrentHashMap<>();
    static final Map<String, Set<Integer>> SEEN_AT = new ConcurrentHashMap<>();

    static class SeenSink extends BaseBasicBolt {
        private final String run;
        private int port;

        SeenSink(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            port = context.getThisWorkerPort();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            SEEN.computeIfAbsent(run, r -> ConcurrentHashMap.newKeySet()).add(input.getValue(0).toString());
            SEEN_AT.computeIfAbsent(run, r -> ConcurrentHashMap.newKeySet()).add(port);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    private static int seen(String run) {
        return SEEN.getOrDefault(run, Set.of()).size();
    }

    @Test
    @Timeout(30)
    void aKryoDecoratorsSerializerCarriesItsClassAcrossWorkers() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("cells", new CellSpout());
        builder.setBolt("sink", new SeenSink("decorated"), 2).shuffleGrouping("cells");
        Config conf = new Config();
        conf.setNumWorkers(2);
        conf.setFallBackOnJavaSerialization(false);
        conf.registerDecorator(CellDecorator.class);
        conf.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("decorated", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> seen("decorated") == 100,
                    () -> seen("decorated") + " of 100 cells received; failure: "
                            + cluster.getTopologyFailure("decorated"));
            assertEquals(null, cluster.getTopologyFailure("decorated"));
            assertEquals(2, SEEN_AT.get("decorated").size(), "cells received in both workers: "
                    + SEEN_AT.get("decorated"));
        }
    }

    /** What each task of "where" sees of where the topology's tasks run. */
    static final Map<Integer, Map<Integer, io.squall.topology.NodeInfo>> SEEN_LOCATIONS = new ConcurrentHashMap<>();
    static final Map<Integer, Integer> PORT_OF_TASK = new ConcurrentHashMap<>();
    static final Set<Object> SUPERVISORS_SEEN = ConcurrentHashMap.newKeySet();

    static class WhereBolt extends Sink {
        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            SUPERVISORS_SEEN.add(List.of(context.getAssignmentId(), context.getNodeToHost().get()));
            SEEN_LOCATIONS.put(context.getThisTaskId(), context.getTaskToNodePort().get());
            PORT_OF_TASK.put(context.getThisTaskId(), context.getThisWorkerPort());
        }
    }

    @Test
    @Timeout(30)
    void everyTaskKnowsTheLocalSupervisorAndPortOfEveryTaskOfTheTopology() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("rank", new RankingSpout());
        builder.setBolt("where", new WhereBolt(), 4).shuffleGrouping("rank");
        Config conf = new Config();
        conf.setNumWorkers(2);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("locations", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> SEEN_LOCATIONS.size() == 4,
                    () -> SEEN_LOCATIONS.size() + " of 4 tasks prepared");
            assertEquals(null, cluster.getTopologyFailure("locations"));
        }
        assertEquals(2, Set.copyOf(PORT_OF_TASK.values()).size(), "the bolt's tasks in both workers: " + PORT_OF_TASK);
        assertEquals(Set.of(List.of("local", Map.of("local", "localhost"))), SUPERVISORS_SEEN);
        Map<Integer, io.squall.topology.NodeInfo> first = SEEN_LOCATIONS.values().iterator().next();
        SEEN_LOCATIONS.forEach((task, seen) -> {
            assertEquals(first, seen, "every task sees the same placement");
            assertEquals(new io.squall.topology.NodeInfo("local", Set.of((long) PORT_OF_TASK.get(task))),
                    seen.get(task), "task " + task + " is on its own worker's port");
        });
        assertTrue(first.size() >= 5, "the spout's task and the ackers' too: " + first);
    }

    /** Neither Serializable nor registered by the topology: only the Kryo factory's registration can carry it. */
    public static final class Tag {
        final String name;

        Tag(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final java.util.concurrent.atomic.AtomicInteger TAG_WRITES = new java.util.concurrent.atomic.AtomicInteger();

    /** A factory of plain Kryo instances that registers {@link Tag}, written as its name, after the registrations. */
    public static final class TagKryoFactory implements io.squall.serialization.IKryoFactory {
        @Override
        public com.esotericsoftware.kryo.Kryo getKryo(Map<String, Object> conf) {
            com.esotericsoftware.kryo.Kryo k = new com.esotericsoftware.kryo.Kryo();
            k.setRegistrationRequired(true);
            return k;
        }

        @Override
        public void preRegister(com.esotericsoftware.kryo.Kryo k, Map<String, Object> conf) {
        }

        @Override
        public void postRegister(com.esotericsoftware.kryo.Kryo k, Map<String, Object> conf) {
            k.register(Tag.class, new com.esotericsoftware.kryo.Serializer<Tag>() {
                @Override
                public void write(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Output out,
                                  Tag t) {
                    TAG_WRITES.incrementAndGet();
                    out.writeString(t.name);
                }

                @Override
                public Tag read(com.esotericsoftware.kryo.Kryo kryo, com.esotericsoftware.kryo.io.Input in,
                                Class<? extends Tag> type) {
                    return new Tag(in.readString());
                }
            });
        }

        @Override
        public void postDecorate(com.esotericsoftware.kryo.Kryo k, Map<String, Object> conf) {
        }
    }

    static class TagSpout extends HundredSpout {
        @Override
        Object value(long n) {
            return new Tag("t" + n);
        }
    }

    @Test
    @Timeout(30)
    void theTopologysKryoFactoryMakesTheKryoThatCarriesTuplesAcrossWorkers() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("tags", new TagSpout());
        builder.setBolt("sink", new SeenSink("kryo-factory"), 2).shuffleGrouping("tags");
        Config conf = new Config();
        conf.setNumWorkers(2);
        conf.setKryoFactory(TagKryoFactory.class);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false); // only the wire between the workers serializes
        conf.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("kryo-factory", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(20), () -> seen("kryo-factory") == 100,
                    () -> seen("kryo-factory") + " of 100 tags received; failure: "
                            + cluster.getTopologyFailure("kryo-factory"));
            assertEquals(null, cluster.getTopologyFailure("kryo-factory"));
        }
        assertEquals(2, SEEN_AT.get("kryo-factory").size(), "tags received in both workers: "
                + SEEN_AT.get("kryo-factory"));
        assertTrue(TAG_WRITES.get() > 0, "the tags that crossed were written by the factory's serializer");
    }
}
