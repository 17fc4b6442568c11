package io.squall.trident.planner;

import io.squall.Config;
import io.squall.task.IMetricsContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a Trident part's bolt does with a batch, on the deterministic driver: it runs once every upstream task's
 * sub-batch is in, a failure in an operation or in the spout fails the batch (retried under the same txid), and
 * a state's part updates each txid once, at commit.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TridentBoltTest {
    /** Each txid's update of the recording state, as "txid:sorted words". */
    static final List<String> UPDATES = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger FAILURES_LEFT = new AtomicInteger();

    /** Splits sentences; throws on "boom" while failures are left. */
    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            String s = tuple.getString(0);
            if (s.contains("boom") && FAILURES_LEFT.getAndDecrement() > 0) {
                throw new IllegalStateException("cannot split '" + s + "' yet");
            }
            for (String w : s.split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    static final class RecordingState implements State {
        long txid;

        @Override
        public void beginCommit(Long txid) {
            this.txid = txid;
        }

        @Override
        public void commit(Long txid) {
        }
    }

    static final class RecordingFactory implements StateFactory {
        private static final long serialVersionUID = 1L;

        @Override
        public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                               int numPartitions) {
            return new RecordingState();
        }
    }

    static final class Record implements StateUpdater<RecordingState> {
        private static final long serialVersionUID = 1L;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
        }

        @Override
        public void cleanup() {
        }

        @Override
        public void updateState(RecordingState state, List<TridentTuple> tuples, TridentCollector collector) {
            List<String> words = new ArrayList<>();
            tuples.forEach(t -> words.add(t.getString(0)));
            Collections.sort(words);
            UPDATES.add(state.txid + ":" + String.join(" ", words));
        }
    }

    /** A batch spout whose emitBatch throws for batch 2 while failures are left. */
    static final class FlakySpout implements IBatchSpout {
        private static final long serialVersionUID = 1L;
        private final FixedBatchSpout inner;

        FlakySpout(FixedBatchSpout inner) {
            this.inner = inner;
        }

        @Override
        public void open(Map<String, Object> conf, io.squall.task.TopologyContext context) {
            inner.open(conf, context);
        }

        @Override
        public void emitBatch(long batchId, TridentCollector collector) {
            if (batchId == 2 && FAILURES_LEFT.getAndDecrement() > 0) {
                throw new IllegalStateException("the source is not ready for batch 2");
            }
            inner.emitBatch(batchId, collector);
        }

        @Override
        public void ack(long batchId) {
            inner.ack(batchId);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return inner.getComponentConfiguration();
        }

        @Override
        public Fields getOutputFields() {
            return inner.getOutputFields();
        }
    }

    /** A batch spout that emits every sentence of its batch through one list it refills. */
    static final class ReusingSpout implements IBatchSpout {
        private static final long serialVersionUID = 1L;
        private final List<String> sentences;

        ReusingSpout(List<String> sentences) {
            this.sentences = sentences;
        }

        @Override
        public void open(Map<String, Object> conf, io.squall.task.TopologyContext context) {
        }

        @Override
        public void emitBatch(long batchId, TridentCollector collector) {
            if (batchId != 1) {
                return;
            }
            List<Object> reused = new ArrayList<>(List.of(""));
            for (String s : sentences) {
                reused.set(0, s);
                collector.emit(reused);
            }
        }

        @Override
        public void ack(long batchId) {
        }

        @Override
        public void close() {
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }

        @Override
        public Fields getOutputFields() {
            return new Fields("sentence");
        }
    }

    /** Keeps the tuples themselves until the batch is complete, then emits their sentences, joined. */
    static final class KeepTuples extends BaseAggregator<List<TridentTuple>> {
        @Override
        public List<TridentTuple> init(Object batchId, TridentCollector collector) {
            return new ArrayList<>();
        }

        @Override
        public void aggregate(List<TridentTuple> kept, TridentTuple tuple, TridentCollector collector) {
            kept.add(tuple);
        }

        @Override
        public void complete(List<TridentTuple> kept, TridentCollector collector) {
            List<String> sentences = new ArrayList<>();
            kept.forEach(t -> sentences.add(t.getString(0)));
            collector.emit(new Values(String.join("|", sentences)));
        }
    }

    @BeforeEach
    void reset() {
        UPDATES.clear();
        FAILURES_LEFT.set(0);
    }

    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        conf.setMaxSpoutPending(2);
        return conf;
    }

    private static void run(TridentTopology t) {
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf())) {
            d.advance(Duration.ofMillis(600), Duration.ofMillis(100));
        }
    }

    private static TridentTopology recording(IBatchSpout spout, String txId) {
        TridentTopology t = new TridentTopology();
        t.newStream(txId, spout)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .partitionBy(new Fields("word"))
                .partitionPersist(new RecordingFactory(), new Fields("word"), new Record());
        return t;
    }

    @Test
    void aFailingOperationFailsTheBatchWhichCommitsOnceWhenRetriedUnderItsTxid() {
        FAILURES_LEFT.set(2);
        run(recording(new FixedBatchSpout(new Fields("sentence"), 1, new Values("a b"), new Values("boom c"),
                new Values("d")), "bolt-op-fails"));
        assertEquals(List.of("1:a b", "2:boom c", "3:d"), UPDATES.subList(0, 3), () -> "updates " + UPDATES);
        assertTrue(UPDATES.subList(3, UPDATES.size()).stream().allMatch(u -> u.endsWith(":")),
                () -> "later batches are empty: " + UPDATES);
        assertTrue(FAILURES_LEFT.get() <= 0, "the operation failed twice before the batch went through");
    }

    @Test
    void aSpoutThatThrowsFailsItsBatchWhichIsEmittedAgain() {
        FAILURES_LEFT.set(1);
        run(recording(new FlakySpout(new FixedBatchSpout(new Fields("sentence"), 1, new Values("a"), new Values("b"),
                new Values("c"))), "bolt-spout-fails"));
        assertEquals(List.of("1:a", "2:b", "3:c"), UPDATES.subList(0, 3), () -> "updates " + UPDATES);
    }

    @Test
    void aSpoutsTuplesGoThroughThePartAsEmittedYetASpoutMayReuseItsList() {
        TridentTopology t = new TridentTopology();
        t.newStream("bolt-reusing-spout", new ReusingSpout(List.of("x y", "z", "w")))
                .partitionAggregate(new Fields("sentence"), new KeepTuples(), new Fields("joined"))
                .partitionBy(new Fields("joined"))
                .partitionPersist(new RecordingFactory(), new Fields("joined"), new Record());
        run(t);
        assertEquals("1:x y|z|w", UPDATES.get(0), () -> "updates " + UPDATES);
    }

    @Test
    void aPartRunsOnlyOnceEveryUpstreamTaskSentItsSubBatchEvenAnEmptyOne() {
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("sentence"), 3, new Values("a b c"), new Values("a b"),
                new Values("a"), new Values("c c"));
        TridentTopology t = new TridentTopology();
        t.newStream("bolt-sub-batches", spout)
                .shuffle()
                .each(new Fields("sentence"), new Split(), new Fields("word")).parallelismHint(2)
                .partitionBy(new Fields("word"))
                .partitionPersist(new RecordingFactory(), new Fields("word"), new Record());
        run(t);
        assertEquals(List.of("1:a a a b b c", "2:c c"), UPDATES.subList(0, 2), () -> "updates " + UPDATES);
    }
}
