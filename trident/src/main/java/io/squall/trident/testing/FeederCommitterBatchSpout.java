package io.squall.trident.testing;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.ICommitterTridentSpout;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link FeederBatchSpout} that is a committer spout: it emits what the test feeds it, batch by batch, and its
 * emitters take part in every batch's commit ({@link ICommitterTridentSpout}), where they do nothing. For tests of
 * topologies that must run with a committer spout; like the feeder, it works in local mode only.
 */
@SuppressWarnings("unchecked") // getEmitter returns Storm's raw committer emitter type
public class FeederCommitterBatchSpout implements ICommitterTridentSpout<ArrayList<List<Object>>>, IFeeder {
    private static final long serialVersionUID = 1L;

    private final FeederBatchSpout spout;

    /** A spout of tuples of {@code fields}. */
    public FeederCommitterBatchSpout(List<String> fields) {
        this.spout = new FeederBatchSpout(fields);
    }

    /** Whether batches wait for something to be fed (default), or start empty meanwhile. */
    public void setWaitToEmit(boolean trueIfWait) {
        spout.setWaitToEmit(trueIfWait);
    }

    /** Queues one batch of tuples; see {@link FeederBatchSpout#feed}. */
    @Override
    public void feed(Object tuples) {
        spout.feed(tuples);
    }

    @Override
    public BatchCoordinator<ArrayList<List<Object>>> getCoordinator(String txStateId, Map<String, Object> conf,
                                                                     TopologyContext context) {
        return spout.getCoordinator(txStateId, conf, context);
    }

    @Override
    public Emitter getEmitter(String txStateId, Map<String, Object> conf, TopologyContext context) {
        return new CommitterEmitter(spout.getEmitter(txStateId, conf, context));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return spout.getComponentConfiguration();
    }

    @Override
    public Fields getOutputFields() {
        return spout.getOutputFields();
    }

    /** The feeder's emitter, with a commit that has nothing to acknowledge. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class CommitterEmitter implements ICommitterTridentSpout.Emitter {
        private final ITridentSpout.Emitter<ArrayList<List<Object>>> emitter;

        CommitterEmitter(ITridentSpout.Emitter<ArrayList<List<Object>>> emitter) {
            this.emitter = emitter;
        }

        @Override
        public void emitBatch(TransactionAttempt tx, Object coordinatorMeta, TridentCollector collector) {
            emitter.emitBatch(tx, (ArrayList<List<Object>>) coordinatorMeta, collector);
        }

        @Override
        public void commit(TransactionAttempt attempt) {
        }

        @Override
        public void success(TransactionAttempt tx) {
            emitter.success(tx);
        }

        @Override
        public void close() {
            emitter.close();
        }
    }
}
