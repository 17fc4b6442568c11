package io.squall.runtime.state;

import io.squall.Config;
import io.squall.runtime.api.ReportedError;
import io.squall.runtime.state.StatefulFixtures.Run;
import io.squall.runtime.state.StatefulFixtures.SentenceSpout;
import io.squall.runtime.state.StatefulFixtures.SplitBolt;
import io.squall.spout.CheckpointSpout;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.state.KeyValueState;
import io.squall.state.StateProvider;
import io.squall.state.rocksdb.RocksDbKeyValueStateProvider;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stateful bolt that puts a value Kryo cannot serialize, on the deterministic driver, in memory and in RocksDB
 * (squall-redis runs the same against a real Redis): the error names the component, the task, the value's class
 * and what to do; the executor goes on; the checkpoint in progress fails and is counted; nothing of it is committed;
 * the tuple is replayed, and the counts end exact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public class UnserializableStateTest {
    private static final Duration TICK = Duration.ofMillis(100);
    private static final int KEY_GROUPS = 8;
    /**
     * The run in three steps, each to its end: the sentences released, and those whose first attempt puts an
     * unserializable value (steps 1 and 3) or a late one (step 2, when the provider serializes at the prepare):
     * each step's poison fails a checkpoint of its own.
     */
    private static final int[][] STEPS = {{100, 3}, {150, 120}, {200, 170}};
    /** What each run's counters were told to poison, by run name. */
    static final Map<String, Set<Integer>> POISON = new ConcurrentHashMap<>();
    static final Map<String, Set<Integer>> POISON_LATE = new ConcurrentHashMap<>();
    /** No sentence (a set that can be asked to remove one, unlike {@code Set.of()}). */
    private static final Set<Integer> NONE = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    @AfterEach
    void forget() {
        StatefulFixtures.RUNS.clear();
        POISON.clear();
        POISON_LATE.clear();
    }

    /** Kryo cannot write it: it holds a thread, which the module system does not let Kryo reflect on. */
    public static final class Unwritable {
        final Thread thread = new Thread(() -> { });
    }

    /** A value whose class serializes, as long as what it holds does. */
    public static final class Holder {
        Object held;

        Holder(Object held) {
            this.held = held;
        }
    }

    /**
     * Counts words in a key-value state; for a poisoned sentence's first attempt it also puts an {@link Unwritable}
     * (refused at the put), and for a late-poisoned one a {@link Holder} that serializes at the put and is given a
     * thread after it (refused when the checkpoint is prepared, by a provider that serializes then).
     */
    public static final class PoisonCounter extends BaseStatefulBolt<KeyValueState<String, Object>> {
        private final String run;
        private transient KeyValueState<String, Object> counts;
        private transient OutputCollector collector;

        public PoisonCounter(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void initState(KeyValueState<String, Object> state) {
            counts = state;
        }

        @Override
        public void execute(Tuple input) {
            String word = input.getString(0);
            int id = input.getInteger(1);
            counts.put(word, (Long) counts.get(word, 0L) + 1);
            if (POISON.getOrDefault(run, NONE).remove(id)) {
                counts.put("poison-" + id, new Unwritable());
            }
            if (POISON_LATE.getOrDefault(run, NONE).remove(id)) {
                Holder h = new Holder("fine");
                counts.put("late-poison-" + id, h);
                h.held = new Thread(() -> { });
            }
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** sentences -> split (2) -> count (2 tasks, stateful, by word). */
    public static StormTopology topology(String run) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(run));
        b.setBolt("split", new SplitBolt(run), 2).shuffleGrouping("sentences");
        b.setBolt("count", new PoisonCounter(run), 2).fieldsGrouping("split", new Fields("word"));
        return b.createTopology();
    }

    /** The configuration of a run on {@code provider}: one acker, checkpoints every 500 ms, 8 key groups. */
    public static Config conf(String name, String provider, String providerConfig) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_NAME, name);
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(30);
        conf.setMaxSpoutPending(200);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 500);
        conf.put(Config.TOPOLOGY_STATE_KEY_GROUPS, KEY_GROUPS); // Few: a RocksDB database each.
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, provider);
        if (providerConfig != null) {
            conf.put(Config.TOPOLOGY_STATE_PROVIDER_CONFIG, providerConfig);
        }
        return conf;
    }

    /**
     * Runs 200 sentences of which the first attempts of some put a value Kryo cannot write, to the end, and checks
     * the errors, the failed checkpoints and the committed counts ({@code committed} reads them from the provider).
     *
     * @param late whether the provider serializes at the prepare too, so a value that changes after its put is
     *             refused there (RocksDB); otherwise only the puts of {@link Unwritable} are poisoned
     */
    public static void runPoisoned(Config conf, boolean late, Function<Map<String, Object>, Map<String, Object>> committed) {
        String name = (String) conf.get(Config.TOPOLOGY_NAME);
        Run r = new Run(StatefulFixtures.sentences(200, 5));
        r.released.set(0);
        StatefulFixtures.RUNS.put(name, r);
        POISON.put(name, ConcurrentHashMap.newKeySet());
        POISON_LATE.put(name, ConcurrentHashMap.newKeySet());
        try (TopologyTestDriver d = new TopologyTestDriver(topology(name), conf)) {
            for (int step = 0; step < STEPS.length; step++) {
                r.released.set(STEPS[step][0]);
                if (step != 1) {
                    POISON.get(name).add(STEPS[step][1]);
                } else if (late) {
                    POISON_LATE.get(name).add(STEPS[step][1]);
                }
                for (int i = 0; i < 2000 && !r.done(); i++) {
                    d.advance(TICK); // A poisoned tuple throws in the executor: an exception escaping ends the test.
                }
                assertTrue(r.done(), "acked " + r.acked.size() + " of " + r.released.get());
                // Past the error log's rate limit (an error per component every 10 s), so each step's error is kept.
                d.advance(Duration.ofSeconds(11), Duration.ofSeconds(1));
                assertTrue(POISON.get(name).isEmpty() && POISON_LATE.get(name).isEmpty(), "every poison was put");
            }

            List<ReportedError> errors = d.errors("count");
            ReportedError atPut = errors.stream().filter(e -> e.message().contains(Unwritable.class.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no error naming the class: " + errors));
            assertNamesWhoAndWhat(atPut, "poison-");
            if (late) {
                ReportedError atPrepare = errors.stream().filter(e -> e.message().contains("checkpoint PREPARE")
                        && e.message().contains(Holder.class.getName())).findFirst()
                        .orElseThrow(() -> new AssertionError("no error at the prepare: " + errors));
                assertNamesWhoAndWhat(atPrepare, "late-poison-");
            }
            var checkpoints = d.counts(CheckpointSpout.CHECKPOINT_COMPONENT_ID);
            assertTrue(checkpoints.failed() >= (late ? 3 : 2), "each poison failed a checkpoint: " + checkpoints);
            assertTrue(r.failures.get() >= 2, "the poisoned tuples were replayed: " + r.failures.get());
        }
        Map<String, Object> expected = new TreeMap<>(r.expectedCounts());
        assertEquals(expected, new TreeMap<>(committed.apply(conf)), "exact counts, and no poison committed");
    }

    private static void assertNamesWhoAndWhat(ReportedError e, String key) {
        String m = e.message();
        assertTrue(m.contains("stateful bolt 'count' (task " + e.taskId() + ", " + PoisonCounter.class.getName())
                && m.contains("key " + key) && m.contains("topology.kryo.register"), m);
    }

    @Test
    void refusesAValueKryoCannotWriteInMemoryAndReplaysItsTuple() {
        String name = "poison-memory";
        InMemoryKeyValueStateProvider.clear(name);
        runPoisoned(conf(name, InMemoryKeyValueStateProvider.class.getName(), null), false,
                c -> committedCounts(new InMemoryKeyValueStateProvider(), c));
    }

    @Test
    void refusesAValueKryoCannotWriteInRocksDbAtThePutAndAtThePrepare() {
        String name = "poison-rocksdb";
        runPoisoned(conf(name, RocksDbKeyValueStateProvider.class.getName(), "{\"dir\": \"" + dir + "\"}"), true,
                c -> committedCounts(new RocksDbKeyValueStateProvider(), c));
    }

    /** The committed entries of every key group of the counter in {@code provider}'s states. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> committedCounts(StateProvider provider, Map<String, Object> conf) {
        Map<String, Object> all = new TreeMap<>();
        Map<String, Object> c = new HashMap<>(conf);
        for (int group = 0; group < KEY_GROUPS; group++) {
            var s = (KeyValueState<String, Object>) provider.newState(StatefulBoltRunner.groupNamespace("count", group),
                    c, null);
            s.rollback(); // What a recovery would see: the last commit.
            s.forEach(e -> all.put(e.getKey(), e.getValue()));
            if (s instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return all;
    }
}
