package io.squall.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.task.IMetricsContext;
import io.squall.trident.coordinator.CoordinatorStore;
import io.squall.trident.coordinator.CoordinatorStores;
import io.squall.trident.coordinator.ZkCoordinatorStore;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.squall.trident.Ops.row;
import static io.squall.trident.Ops.spout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(90)
class BatchEngineIT {
    /** Every beginCommit txid, and every batch start seen while fewer batches were committed, per test. */
    static final Map<String, List<Long>> COMMITS = new ConcurrentHashMap<>();
    static final Map<String, List<String>> VIOLATIONS = new ConcurrentHashMap<>();

    private static List<?>[] numbers(int n) {
        List<?>[] rows = new List<?>[n];
        for (int i = 0; i < n; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    @Test
    void commitsEveryTxidOnceInOrderWithAtMostMaxPendingBatchesInFlight() {
        String id = UUID.randomUUID().toString();
        COMMITS.put(id, Collections.synchronizedList(new ArrayList<>()));
        VIOLATIONS.put(id, Collections.synchronizedList(new ArrayList<>()));
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("order-" + id, spout(new Fields("n"), 2, numbers(20)))
                .partitionAggregate(new Fields("n"), new InFlightCheck(id, 3), new Fields("n"))
                .shuffle().parallelismHint(2)
                .partitionPersist(new OrderState(id), new Fields("n"), new Ignore())
                .newValuesStream());
        Run.run(t, () -> Await.until(java.time.Duration.ofSeconds(30), () -> COMMITS.get(id).size() >= 2 * 15,
                () -> "15 txids committed by both tasks, got " + COMMITS.get(id)));
        List<Long> commits = new ArrayList<>(COMMITS.get(id));
        List<Long> perTask0 = new ArrayList<>();
        for (long txid = 1; txid <= 15; txid++) {
            perTask0.add(txid);
            assertEquals(2, Collections.frequency(commits, txid), "each task commits txid " + txid + " once");
        }
        assertTrue(VIOLATIONS.get(id).isEmpty(), VIOLATIONS.get(id).toString());
        assertEquals(perTask0, commits.stream().distinct().limit(15).toList(), "commits begin in txid order");
    }

    @Test
    void retriesAFailedBatchWithTheSameTxidUntilItCommits() {
        String name = UUID.randomUUID().toString();
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("retry-" + name, spout(new Fields("n"), 2, numbers(10)))
                .partitionAggregate(new Fields("n"), new Failer(name, 0.0, Set.of(2L, 4L)), new Fields("n")));
        Run.run(t, () -> sink.awaitTxid(6));
        Set<TransactionAttempt> seen = Failer.seen(name);
        assertTrue(seen.contains(new TransactionAttempt(2L, 0)) && seen.contains(new TransactionAttempt(2L, 1)), seen
                .toString());
        assertTrue(seen.contains(new TransactionAttempt(4L, 1)), seen.toString());
        assertEquals(List.of(row(0), row(1)), sink.byTxid().get(1L));
        assertEquals(List.of(row(2), row(3)), sink.byTxid().get(2L), "txid 2 replays the same batch");
        assertEquals(10, sink.values().size(), "each tuple committed once: " + sink.values());
    }

    @Test
    void zooKeeperCoordinatorResumesAfterTheLastCommittedTxid() throws Exception {
        try (TestingServer zk = new TestingServer(true)) {
            Config conf = Run.conf();
            conf.put(CoordinatorStores.ZK_SERVERS, List.of("127.0.0.1"));
            conf.put(CoordinatorStores.ZK_PORT, zk.getPort());
            String txId = "zk-" + UUID.randomUUID();
            long committed;
            try (LocalCluster cluster = new LocalCluster()) {
                TridentTopology t = new TridentTopology();
                Sink first = new Sink();
                first.attach(t.newStream(txId, spout(new Fields("n"), 1, numbers(5))));
                cluster.submitTopology("zk-1", conf, t.build());
                try (CoordinatorStore store = new ZkCoordinatorStore(zk.getConnectString(), "/squall/trident", txId,
                        10_000)) {
                    Await.until(java.time.Duration.ofSeconds(30), () -> store.committedTxid() >= 3,
                            () -> "txid 3 committed in ZooKeeper");
                    cluster.killTopology("zk-1");
                    committed = store.committedTxid();
                }
                TridentTopology again = new TridentTopology();
                Sink second = new Sink();
                second.attach(again.newStream(txId, spout(new Fields("n"), 1, numbers(5))));
                cluster.submitTopology("zk-2", conf, again.build());
                second.awaitTxid(committed + 2);
                long firstTxid = second.byTxid().keySet().stream().min(Long::compare).orElseThrow();
                assertEquals(committed + 1, firstTxid, "resumes right after the txid committed in ZooKeeper");
            }
        }
    }

    /** Passes tuples through; records a violation if batch t starts before batch t - max is committed. */
    static final class InFlightCheck extends io.squall.trident.operation.BaseAggregator<List<List<Object>>> {
        private final String id;
        private final int max;

        InFlightCheck(String id, int max) {
            this.id = id;
            this.max = max;
        }

        @Override
        public List<List<Object>> init(Object batchId, TridentCollector collector) {
            long txid = ((TransactionAttempt) batchId).getTransactionId();
            long committed = COMMITS.get(id).stream().mapToLong(Long::longValue).max().orElse(0);
            if (txid > committed + max + 1) {
                VIOLATIONS.get(id).add("txid " + txid + " started with only " + committed + " committing");
            }
            return new ArrayList<>();
        }

        @Override
        public void aggregate(List<List<Object>> state, TridentTuple tuple, TridentCollector collector) {
            state.add(new ArrayList<>(tuple));
        }

        @Override
        public void complete(List<List<Object>> state, TridentCollector collector) {
            state.forEach(collector::emit);
        }
    }

    /** A state that records the txid of every beginCommit. */
    static final class OrderState implements StateFactory {
        private final String id;

        OrderState(String id) {
            this.id = id;
        }

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new State() {
                @Override
                public void beginCommit(Long txid) {
                    COMMITS.get(id).add(txid);
                }

                @Override
                public void commit(Long txid) {
                }
            };
        }
    }

    /** Writes nothing. */
    static final class Ignore extends BaseStateUpdater<State> {
        @Override
        public void updateState(State state, List<TridentTuple> tuples, TridentCollector collector) {
        }
    }
}
