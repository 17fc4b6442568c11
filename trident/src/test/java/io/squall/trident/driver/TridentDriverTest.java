package io.squall.trident.driver;

import io.squall.Config;
import io.squall.task.IMetricsContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Trident's batches and commits on the deterministic driver and simulated time. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TridentDriverTest {
    /** Every beginCommit and commit of every partition, in the order they happened. */
    static final List<String> COMMITS = Collections.synchronizedList(new ArrayList<>());

    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    /** A state that logs its commits. */
    static final class LoggingState implements State {
        private final int partition;

        LoggingState(int partition) {
            this.partition = partition;
        }

        @Override
        public void beginCommit(Long txid) {
            COMMITS.add("begin " + txid + " p" + partition);
        }

        @Override
        public void commit(Long txid) {
            COMMITS.add("commit " + txid + " p" + partition);
        }
    }

    static final class LoggingStateFactory implements StateFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new LoggingState(partitionIndex);
        }
    }

    static final class Ignore implements StateUpdater<LoggingState> {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
        }

        @Override
        public void cleanup() {
        }

        @Override
        public void updateState(LoggingState state, List<TridentTuple> tuples, TridentCollector collector) {
        }
    }

    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        conf.setMaxSpoutPending(3);
        return conf;
    }

    @Test
    void countsWordsIntoMapStateOneBatchPerInterval() {
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("sentence"), 2,
                new Values("a b c"), new Values("a b"), new Values("a"));
        MemoryMapState.Factory counts = new MemoryMapState.Factory();
        TridentTopology t = new TridentTopology();
        t.newStream("wc-driver", spout)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .groupBy(new Fields("word"))
                .persistentAggregate(counts, new Count(), new Fields("count"))
                .parallelismHint(2);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
            d.advance(Duration.ofMillis(1000), Duration.ofMillis(50));
            assertEquals(3L, counts.get(List.of("a")), () -> "counts " + counts.snapshot());
            assertEquals(2L, counts.get(List.of("b")));
            assertEquals(1L, counts.get(List.of("c")));
        }
    }

    @Test
    void commitsBatchesStrictlyInTxidOrderOnEveryPartition() {
        COMMITS.clear();
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("sentence"), 1,
                new Values("a"), new Values("b"), new Values("c"), new Values("d"), new Values("e"));
        TridentTopology t = new TridentTopology();
        t.newStream("order-driver", spout)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .partitionBy(new Fields("word"))
                .partitionPersist(new LoggingStateFactory(), new Fields("word"), new Ignore())
                .parallelismHint(2);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
            d.runUntilIdle();
            int before = COMMITS.size();
            d.advance(Duration.ofMillis(99), Duration.ofMillis(33));
            d.advance(Duration.ofMillis(2000), Duration.ofMillis(100));
            assertTrue(COMMITS.size() > before, "batches commit as simulated time passes");
            for (String p : List.of("p0", "p1")) {
                long last = 0;
                String lastVerb = "commit";
                for (String c : new ArrayList<>(COMMITS)) {
                    if (!c.endsWith(p)) {
                        continue;
                    }
                    String[] parts = c.split(" ");
                    long txid = Long.parseLong(parts[1]);
                    if (parts[0].equals("begin")) {
                        assertEquals("commit", lastVerb, "begin of " + txid + " before the commit of " + last);
                        assertEquals(last + 1, txid, "txids commit in order with no gap on " + p + ": " + COMMITS);
                    } else {
                        assertEquals(last + 1, txid, "commit of the txid begun on " + p + ": " + COMMITS);
                        last = txid;
                    }
                    lastVerb = parts[0];
                }
                assertTrue(last >= 5, "at least the 5 batches of the spout committed on " + p + ": " + COMMITS);
            }
        }
    }
}
