package io.squall.compat;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Testing;
import io.squall.hooks.BaseTaskHook;
import io.squall.hooks.BaseWorkerHook;
import io.squall.hooks.info.EmitInfo;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerUserContext;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FixedTuple;
import io.squall.testing.MockedSources;
import io.squall.testing.TestWordSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Storm's own integration tests check of a running topology, on a local cluster: worker resources set by a
 * worker hook, the emits a task hook sees (acker messages included), a subscription to the system stream, and the
 * configuration a component gets (Storm's JSON number types, every component's Kryo registrations and decorators).
 */
class StormSemanticsIT {
    /** Sets a worker-level resource when its worker starts. */
    static class ResourceHook extends BaseWorkerHook {
        @Override
        public void start(Map<String, Object> topoConf, WorkerUserContext context) {
            context.setResource("greeting", "hello from the worker");
        }
    }

    /** Emits the resource its key names, and what the worker's shared pool computed. */
    static class ResourceReader extends BaseRichBolt {
        private transient TopologyContext context;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.context = context;
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            String key = input.getString(0);
            Future<String> onPool = context.getSharedExecutor().submit(() -> Thread.currentThread().getName());
            String poolThread;
            try {
                poolThread = onPool.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            collector.emit(input, new Values(key, context.getResource(key), poolThread.startsWith("worker-shared-")));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "value", "pooled"));
        }
    }

    @Test
    void aWorkerHooksResourcesAndTheSharedPoolReachTheWorkersTasks() {
        TopologyBuilder b = new TopologyBuilder();
        b.addWorkerHook(new ResourceHook());
        b.setSpout("keys", new TestWordSpout());
        b.setBolt("reader", new ResourceReader()).shuffleGrouping("keys");
        Map<String, List<FixedTuple>> out = complete(b.createTopology(), Map.of("keys",
                List.of(new Values("greeting"), new Values("missing"))), Map.of());
        assertEquals(List.of(List.of("greeting", "hello from the worker", true), list("missing", null, true)),
                Testing.readTuples(out, "reader"));
    }

    /** Counts its task's emits by stream and emits the counts with each tuple, then acks or fails by turns. */
    static class CountingEmits extends BaseRichBolt {
        private transient OutputCollector collector;
        private transient Map<String, Integer> emits;
        private transient int executed;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.emits = new HashMap<>();
            context.addTaskHook(new BaseTaskHook() {
                @Override
                public void emit(EmitInfo info) {
                    emits.merge(info.stream, 1, Integer::sum);
                }
            });
        }

        @Override
        public void execute(Tuple input) {
            collector.emit(new Values(new HashMap<>(emits)));
            if (executed++ % 2 == 0) {
                collector.ack(input);
            } else {
                collector.fail(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("emits"));
        }
    }

    @Test
    void aTaskHookSeesTheTreesMessagesAsEmitsOnStormsAckerStreams() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new CountingEmits()).shuffleGrouping("words");
        Map<String, List<FixedTuple>> out = complete(b.createTopology(), Map.of("words",
                List.of(new Values("a"), new Values("b"), new Values("c"))), Map.of());
        // Storm sends an ack or a fail to its acker as a tuple, and a task's emit hooks see it.
        assertEquals(List.of(List.of(Map.of()), List.of(Map.of("default", 1, "__ack_ack", 1)),
                List.of(Map.of("default", 2, "__ack_ack", 1, "__ack_fail", 1))), Testing.readTuples(out, "count"));
    }

    @Test
    void aBoltMaySubscribeToTheSystemStreamOnWhichNothingIsSent() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout(), 2);
        b.setBolt("echo", new io.squall.testing.IdentityBolt(new Fields("word")))
                .shuffleGrouping("words").globalGrouping("words", "__system");
        Map<String, List<FixedTuple>> out = complete(b.createTopology(), Map.of("words",
                List.of(new Values("x"), new Values("y"))), Map.of());
        assertTrue(Testing.multiseteq(List.of(List.of("x"), List.of("y")), Testing.readTuples(out, "echo")),
                Testing.readTuples(out, "echo").toString());
    }

    /** Emits the value of the configuration key each tuple names, as its prepare saw it. */
    static class ConfEcho extends BaseRichBolt {
        private final Map<String, Object> own;
        private transient Map<String, Object> conf;
        private transient OutputCollector collector;

        ConfEcho(Map<String, Object> own) {
            this.own = own;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.conf = conf;
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            collector.emit(new Values(input.getString(0), conf.get(input.getString(0))));
            collector.ack(input);
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return own;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "value"));
        }
    }

    @Test
    void aComponentsConfigurationHasStormsJsonTypesAndEveryComponentsKryoRegistrations() {
        Map<String, Object> own = new HashMap<>();
        own.put("my.count", 7);
        own.put("my.ratio", 0.5f);
        own.put("my.list", List.of(1, "two"));
        own.put(Config.TOPOLOGY_KRYO_REGISTER, List.of("io.squall.testing.TestSerObject",
                Map.of("io.squall.testing.FixedTuple", "missing.Serializer")));
        own.put(Config.TOPOLOGY_KRYO_DECORATORS, List.of("missing.DecoratorOne"));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("keys", new TestWordSpout());
        b.setBolt("conf", new ConfEcho(own)).shuffleGrouping("keys").addConfiguration("my.other", 3);
        Map<String, Object> topologyConf = new HashMap<>();
        topologyConf.put(Config.TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS, true);
        topologyConf.put(Config.TOPOLOGY_KRYO_REGISTER, List.of(Map.of("io.squall.testing.FixedTuple",
                "missing.OtherSerializer")));
        topologyConf.put(Config.TOPOLOGY_KRYO_DECORATORS, List.of("missing.DecoratorTwo", "missing.DecoratorOne"));
        Map<String, List<FixedTuple>> out = complete(b.createTopology(), Map.of("keys", List.of(
                new Values("my.count"), new Values("my.ratio"), new Values("my.list"), new Values("my.other"),
                new Values(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS), new Values(Config.TOPOLOGY_KRYO_REGISTER),
                new Values(Config.TOPOLOGY_KRYO_DECORATORS))), topologyConf);
        Map<Object, Object> seen = new HashMap<>();
        Testing.readTuples(out, "conf").forEach(t -> seen.put(t.get(0), t.get(1)));
        assertEquals(7L, seen.get("my.count"));
        assertEquals(0.5d, seen.get("my.ratio"));
        assertEquals(List.of(1L, "two"), seen.get("my.list"));
        assertEquals(3L, seen.get("my.other"));
        assertEquals(30L, seen.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS));
        // The topology's entry for a class wins over a component's; classes missing from the class path are skipped.
        Map<String, Object> register = new HashMap<>();
        register.put("io.squall.testing.TestSerObject", null);
        register.put("io.squall.testing.FixedTuple", "missing.OtherSerializer");
        assertEquals(register, seen.get(Config.TOPOLOGY_KRYO_REGISTER));
        assertEquals(List.of("missing.DecoratorOne", "missing.DecoratorTwo"),
                seen.get(Config.TOPOLOGY_KRYO_DECORATORS));
    }

    /** The downstream bolt's receipts, counted down as it executes. */
    static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.CountDownLatch> RECEIVED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** Emits, flushes, then waits in its execute until the next bolt got the tuple: only a real flush lets it. */
    static class FlushingBolt extends BaseRichBolt {
        private final String run;
        private transient OutputCollector collector;

        FlushingBolt(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            collector.emit(input, new Values(input.getString(0)));
            collector.flush();
            boolean delivered;
            try {
                delivered = RECEIVED.get(run).await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            collector.emit(input, new Values(delivered ? "delivered before execute returned" : "still buffered"));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts down its run's latch for each tuple. */
    static class Receiving extends BaseRichBolt {
        private final String run;
        private transient OutputCollector collector;

        Receiving(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            RECEIVED.get(run).countDown();
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void aCollectorsFlushSendsWhatItBufferedBeforeTheExecuteReturns() throws Exception {
        String run = "flush-" + System.nanoTime();
        RECEIVED.put(run, new java.util.concurrent.CountDownLatch(1));
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("flushing", new FlushingBolt(run)).shuffleGrouping("words");
        b.setBolt("receiving", new Receiving(run)).shuffleGrouping("flushing");
        Map<String, Object> conf = new HashMap<>();
        conf.put(Config.TOPOLOGY_PRODUCER_BATCH_SIZE, 100); // Without the flush, the tuple would wait for the round.
        MockedSources sources = new MockedSources();
        sources.addMockData("words", new Values("one"));
        CompleteTopologyParam param = new CompleteTopologyParam();
        param.setMockedSources(sources);
        param.setStormConf(conf);
        try (LocalCluster cluster = new LocalCluster()) {
            Map<String, List<FixedTuple>> out = Testing.completeTopology(cluster, b.createTopology(), param);
            assertEquals(List.of(List.of("one"), List.of("delivered before execute returned")),
                    Testing.readTuples(out, "flushing"));
        }
    }

    /** Emits what the tuple's context says of where the tuple came from. */
    static class ContextEcho extends BaseRichBolt {
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            io.squall.task.GeneralTopologyContext c = input.getContext();
            collector.emit(input, new Values(input.getString(0), c.getComponentId(input.getSourceTask()),
                    c.getComponentOutputFields(input.getSourceGlobalStreamId()).toList()));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "source", "fields"));
        }
    }

    @Test
    void aTuplesContextNamesItsSourceAndSchemaInOneWorkerAndAcrossTwo() {
        for (int workers : new int[] {1, 2}) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("words", new TestWordSpout());
            b.setBolt("echo", new ContextEcho(), 2).fieldsGrouping("words", new Fields("word"));
            List<Values> words = List.of(new Values("a"), new Values("b"), new Values("c"), new Values("d"));
            Map<String, List<FixedTuple>> out = complete(b.createTopology(), Map.of("words", words),
                    Map.of(Config.TOPOLOGY_WORKERS, workers));
            List<List<Object>> echoed = new ArrayList<>(Testing.readTuples(out, "echo"));
            echoed.sort(java.util.Comparator.comparing(t -> (String) t.get(0)));
            assertEquals(List.of(List.of("a", "words", List.of("word")), List.of("b", "words", List.of("word")),
                    List.of("c", "words", List.of("word")), List.of("d", "words", List.of("word"))), echoed,
                    workers + " workers");
        }
    }

    private static List<Object> list(Object... values) {
        return new ArrayList<>(java.util.Arrays.asList(values));
    }

    private static Map<String, List<FixedTuple>> complete(StormTopology topology, Map<String, List<Values>> data,
                                                          Map<String, Object> conf) {
        MockedSources sources = new MockedSources();
        data.forEach((spout, values) -> sources.addMockData(spout, values.toArray(new Values[0])));
        CompleteTopologyParam param = new CompleteTopologyParam();
        param.setMockedSources(sources);
        param.setStormConf(new HashMap<>(conf));
        try (LocalCluster cluster = new LocalCluster.Builder().withSimulatedTime().build()) {
            return Testing.completeTopology(cluster, topology, param);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
