package io.squall.trident;

import io.squall.metric.api.CombinedMetric;
import io.squall.metric.api.CountMetric;
import io.squall.metric.api.ICombiner;
import io.squall.metric.api.MeanReducer;
import io.squall.metric.api.ReducedMetric;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.OperationAwareFlatMapFunction;
import io.squall.trident.operation.OperationAwareMapFunction;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.state.StateType;
import io.squall.trident.state.TransactionalValue;
import io.squall.trident.state.map.MapState;
import io.squall.trident.state.map.MapStates;
import io.squall.trident.testing.MemoryBackingMap;
import io.squall.trident.testing.TuplifyArgs;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.squall.trident.Ops.row;
import static io.squall.trident.Ops.spout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's Trident helpers: operation-aware map functions, TuplifyArgs, v1 metrics of operations and a backing map in
 * memory.
 */
@Timeout(60)
class StormTridentHelpersIT {
    static final Set<String> PREPARED = ConcurrentHashMap.newKeySet();

    /** Upper-cases with a suffix it reads from the configuration when prepared. */
    static final class Shout implements OperationAwareMapFunction {
        private transient String suffix;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
            suffix = "!";
            PREPARED.add("shout-" + context.getPartitionIndex());
        }

        @Override
        public Values execute(TridentTuple input) {
            return new Values(input.getString(0).toUpperCase() + suffix);
        }

        @Override
        public void cleanup() {
        }
    }

    /** Twice each word, once prepared. */
    static final class Twice implements OperationAwareFlatMapFunction {
        private transient boolean prepared;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
            prepared = true;
        }

        @Override
        public Iterable<Values> execute(TridentTuple input) {
            if (!prepared) {
                throw new IllegalStateException("not prepared");
            }
            return List.of(new Values(input.getString(0)), new Values(input.getString(0)));
        }

        @Override
        public void cleanup() {
        }
    }

    @Test
    void operationAwareMapFunctionsArePreparedAndTuplifyArgsTurnsJsonIntoTuples() {
        TridentTopology t = new TridentTopology();
        Sink mapped = new Sink();
        Sink args = new Sink();
        mapped.attach(t.newStream("helpers-map", spout(new Fields("word"), 2, row("a"), row("b")))
                .map(new Shout(), new Fields("loud"))
                .flatMap(new Twice(), new Fields("twice")));
        args.attach(t.newStream("helpers-args", spout(new Fields("args"), 1, row("[[\"x\", 1], [\"y\", 2]]")))
                .each(new Fields("args"), new TuplifyArgs(), new Fields("name", "n"))
                .project(new Fields("name", "n")));
        Run.run(t, () -> {
            mapped.awaitTxid(2);
            args.awaitTxid(1);
        });
        assertEquals(List.of(row("A!"), row("A!"), row("B!"), row("B!")), mapped.values());
        assertTrue(PREPARED.contains("shout-0"), PREPARED.toString());
        assertEquals(List.of(row("x", 1L), row("y", 2L)), args.values());
    }

    static final Map<String, String> METRICS = new ConcurrentHashMap<>();

    /** Registers a metric of each kind when prepared, and notes whether the task's context holds the same ones. */
    static final class Metered extends BaseFilter {
        private transient CountMetric count;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
            count = context.registerMetric("words", new CountMetric(), 1);
            ReducedMetric mean = context.registerMetric("mean", new MeanReducer(), 1);
            CombinedMetric max = context.registerMetric("max", new MaxCombiner(), 1);
            TopologyContext task = context.getTopologyContext();
            com.codahale.metrics.Counter hits = new com.codahale.metrics.Counter();
            context.registerMetricSet("cache", () -> Map.of("hits", hits));
            METRICS.put("same", String.valueOf(task.getRegisteredMetricByName("words") == count
                    && task.getRegisteredMetricByName("mean") == mean && task.getRegisteredMetricByName("max") == max
                    && task.registerCounter("cache.hits") == hits));
            try {
                context.registerMetric("words", new CountMetric(), 1);
                METRICS.put("duplicate", "accepted");
            } catch (IllegalArgumentException e) {
                METRICS.put("duplicate", "refused");
            }
        }

        @Override
        public boolean isKeep(TridentTuple tuple) {
            count.incr();
            return true;
        }
    }

    static final class MaxCombiner implements ICombiner<Long> {
        @Override
        public Long identity() {
            return 0L;
        }

        @Override
        public Long combine(Long a, Long b) {
            return Math.max(a, b);
        }
    }

    @Test
    void anOperationRegistersV1MetricsOfItsTask() {
        METRICS.clear();
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("helpers-metrics", spout(new Fields("word"), 1, row("a"))).filter(new Metered()));
        Run.run(t, () -> sink.awaitTxid(1));
        assertEquals("true", METRICS.get("same"), "the metrics are the task's: " + METRICS);
        assertEquals("refused", METRICS.get("duplicate"), "a name is registered once per task");
    }

    @Test
    void aTransactionalMapStateOverTheMemoryBackingMapStoresEachValueWithItsTxid() {
        MemoryBackingMap<Object> backing = new MemoryBackingMap<>();
        MapState<Object> state = MapStates.build(StateType.TRANSACTIONAL, backing, 0);
        List<List<Object>> keys = List.of(List.of("k"));
        state.beginCommit(1L);
        state.multiPut(keys, List.of(5L));
        state.commit(1L);
        assertEquals(List.of(5L), state.multiGet(keys));
        assertEquals(new TransactionalValue<>(1L, 5L), backing.multiGet(keys).get(0));
        assertNull(backing.multiGet(List.of(List.of("other"))).get(0));
    }
}
