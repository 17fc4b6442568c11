package io.squall.trident;

import io.squall.Await;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.ICommitterTridentSpout;
import io.squall.trident.testing.FeederCommitterBatchSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.squall.trident.Ops.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An {@link ICommitterTridentSpout}'s emitter is told of each batch's commit, once, in txid order. */
@Timeout(120)
class CommitterSpoutIT {
    private static final int BATCHES = 6;

    /** What an emitter was told ({@code emit}, {@code commit}, {@code success}), the attempt, what the sink had. */
    record Event(String kind, TransactionAttempt tx, long sinkCommitted) {
    }

    private static final Map<String, List<Event>> EVENTS = new ConcurrentHashMap<>();

    private static List<Event> events(String id, String kind) {
        List<Event> ret = new ArrayList<>();
        synchronized (EVENTS.get(id)) {
            for (Event e : EVENTS.get(id)) {
                if (e.kind().equals(kind)) {
                    ret.add(e);
                }
            }
        }
        return ret;
    }

    private static void awaitCommits(String id, int count) {
        Await.until(Duration.ofSeconds(60), () -> events(id, "commit").size() >= count,
                () -> count + " commits; the spout was told " + EVENTS.get(id));
    }

    private static List<Long> txids(List<Event> events) {
        return events.stream().map(e -> e.tx().getTransactionId()).toList();
    }

    @Test
    void commitsEachCommittedBatchOnceInTxidOrderWithTheAttemptThatEmittedIt() {
        String id = UUID.randomUUID().toString();
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("committer-" + id, new RecordingSpout(id, null))
                .shuffle().parallelismHint(2)
                .partitionAggregate(new Fields("n"), new Failer(id, 0.0, Set.of(2L, 4L)), new Fields("n"))
                .shuffle());
        Run.run(t, () -> awaitCommits(id, BATCHES));

        List<Event> commits = events(id, "commit");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), txids(commits), "one commit per batch, in txid order");
        for (Event c : commits) {
            long txid = c.tx().getTransactionId();
            List<Event> emits = events(id, "emit").stream().filter(e -> e.tx().getTransactionId() == txid).toList();
            assertEquals(emits.get(emits.size() - 1).tx(), c.tx(), "commit names the attempt that emitted " + txid);
        }
        assertEquals(1, commits.get(1).tx().getAttemptId(), "txid 2 failed once, so its second attempt commits");
        List<Event> all = new ArrayList<>(EVENTS.get(id));
        for (Event s : events(id, "success")) {
            int commitAt = all.indexOf(commits.get(s.tx().getTransactionId().intValue() - 1));
            assertTrue(commitAt >= 0 && commitAt < all.indexOf(s), "txid " + s.tx() + " commits before success");
        }
    }

    @Test
    void commitsAgainWhenACommitFailsAndIsRetried() {
        String id = UUID.randomUUID().toString();
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        // The failer runs in the state's part, so in the commit phase: txids 2 and 4 fail their first commit.
        sink.attach(t.newStream("committer-retry-" + id, new RecordingSpout(id, null))
                .shuffle()
                .partitionAggregate(new Fields("n"), new Failer(id, 0.0, Set.of(2L, 4L)), new Fields("n")));
        Run.run(t, () -> awaitCommits(id, BATCHES + 2));

        assertEquals(List.of(1L, 2L, 2L, 3L, 4L, 4L, 5L, 6L), txids(events(id, "commit")),
                "in txid order; a txid whose commit failed commits again");
        assertEquals(BATCHES, sink.values().size(), "each batch's tuple committed once: " + sink.values());
    }

    @Test
    void commitsAfterTheStatesOfItsOwnPart() {
        String id = UUID.randomUUID().toString();
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("committer-state-" + id, new RecordingSpout(id, sink)));
        Run.run(t, () -> awaitCommits(id, BATCHES));

        List<Event> commits = events(id, "commit");
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), txids(commits));
        for (Event c : commits) {
            assertTrue(c.sinkCommitted() >= c.tx().getTransactionId(), "the state committed " + c.tx()
                    + " before the spout: " + c);
        }
        assertEquals(BATCHES, sink.values().size(), "each batch's tuple committed once: " + sink.values());
    }

    @Test
    void feederCommitterBatchSpoutRunsLikeTheFeeder() {
        FeederCommitterBatchSpout spout = new FeederCommitterBatchSpout(List.of("w"));
        spout.feed(List.of(row("a"), row("b")));
        spout.feed(List.of(row("c")));
        TridentTopology t = new TridentTopology();
        Sink sink = new Sink();
        sink.attach(t.newStream("feeder-committer-" + UUID.randomUUID(), spout).shuffle());
        Run.run(t, () -> sink.awaitTxid(2));
        assertEquals(List.of(row("a"), row("b")), sorted(sink.byTxid().get(1L)));
        assertEquals(List.of(row("c")), sink.byTxid().get(2L));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> ret = new ArrayList<>(rows);
        ret.sort((a, b) -> a.toString().compareTo(b.toString()));
        return ret;
    }

    /**
     * A committer spout of {@value #BATCHES} batches, batch {@code txid} holding the one tuple {@code [txid]}; it
     * records what its emitter is told, with what {@code sink} (if any) had committed by then.
     */
    @SuppressWarnings("unchecked") // the raw committer emitter overrides ITridentSpout's typed one, as in Storm
    static final class RecordingSpout implements ICommitterTridentSpout<Long> {
        private static final long serialVersionUID = 1L;

        private final String id;
        private final Sink sink;

        RecordingSpout(String id, Sink sink) {
            this.id = id;
            this.sink = sink;
            EVENTS.put(id, Collections.synchronizedList(new ArrayList<>()));
        }

        private void record(String kind, TransactionAttempt tx) {
            EVENTS.get(id).add(new Event(kind, tx, sink == null ? 0 : sink.maxTxid()));
        }

        @Override
        public BatchCoordinator<Long> getCoordinator(String txStateId, Map<String, Object> conf,
                                                     TopologyContext context) {
            return new BatchCoordinator<>() {
                @Override
                public Long initializeTransaction(long txid, Long prevMetadata, Long currMetadata) {
                    return txid;
                }

                @Override
                public void success(long txid) {
                }

                @Override
                public boolean isReady(long txid) {
                    return txid <= BATCHES;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Emitter getEmitter(String txStateId, Map<String, Object> conf, TopologyContext context) {
            return new Emitter() {
                @Override
                public void emitBatch(TransactionAttempt tx, Object coordinatorMeta, TridentCollector collector) {
                    record("emit", tx);
                    collector.emit(new Values(coordinatorMeta));
                }

                @Override
                public void commit(TransactionAttempt attempt) {
                    record("commit", attempt);
                }

                @Override
                public void success(TransactionAttempt tx) {
                    record("success", tx);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }

        @Override
        public Fields getOutputFields() {
            return new Fields("n");
        }
    }
}
