package io.squall.trident.planner;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.FailedException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.ReportedFailedException;
import io.squall.topology.base.BaseRichBolt;
import io.squall.trident.coordinator.MasterBatchCoordinator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.runtime.executor.LateTupleCounting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one part of a Trident stream (the operations between two repartitionings) for every batch.
 *
 * <p>Every task of an upstream part sends each task of this part exactly one sub-batch per batch attempt on
 * each edge, even an empty one; a part that starts at a spout gets one batch tuple from the coordinator. So a
 * task knows a batch is complete when it has {@code expected} tuples for it; it then runs the operations over the
 * whole batch and sends one sub-batch to each downstream task, anchored to what it received, and acks.
 *
 * <p>A part that updates state (a committer) acks its inputs when the batch is complete but runs only when the
 * coordinator's commit tuple for that txid arrives, which it sends strictly in txid order; its output is anchored
 * to the commit tuple and carries the commit's attempt. It keeps the batch until the txid succeeds, so a failed
 * commit is retried over the same tuples. An attempt newer than the one buffered replaces it; tuples of older
 * attempts are acked and ignored. A failure in an operation fails the batch (the coordinator retries it with the
 * same txid). A part that starts at an {@code ICommitterTridentSpout} gets the commit tuples too, and tells the
 * spout's emitter of each commit (after the part's own states, if it has any). Confined to the task thread, like
 * every bolt.
 */
public final class TridentBolt extends BaseRichBolt implements LateTupleCounting {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TridentBolt.class);
    static final Fields WIRE_FIELDS = new Fields("txid", "attempt", "tuples", "watermark");

    private final GroupPlan plan;

    private transient OutputCollector collector;
    private transient List<Processor> processors;
    private transient List<OutEdgeBuffer> outs;
    private transient Map<String, GroupPlan.InEdge> inputsByStream;
    private transient TreeMap<Long, PendingBatch> batches;
    private transient BatchSource source;
    private transient ProcessorContext ctx;
    private transient int expected;
    private transient LongAdder lateTuples;
    /**
     * Whether the part's only input is its spout, it keeps no batch for a commit and has no event time: then the
     * spout's tuples go through the operations as it emits them, with no copy of the batch kept in between.
     */
    private transient boolean spoutOnly;
    /** The spout's watermarks when it has event time, else null. */
    private transient BatchWatermarks.Source sourceWatermarks;

    TridentBolt(GroupPlan plan) {
        this.plan = plan;
    }

    @Override
    public void countLateTuplesIn(LongAdder counter) {
        this.lateTuples = counter;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.ctx = new ProcessorContext(conf, context, collector);
        ctx.eventTimeInputs = plan.carriesEventTime;
        if (lateTuples != null) {
            ctx.lateTuples = lateTuples;
        }
        this.batches = new TreeMap<>();
        this.inputsByStream = new HashMap<>();
        for (GroupPlan.InEdge in : plan.inputs) {
            inputsByStream.put(in.streamId(), in);
            expected += context.getComponentTasks(in.sourceComponent()).size();
        }
        processors = new ArrayList<>();
        for (GroupPlan.NodePlan n : plan.nodes) {
            processors.add(n.spec().create());
        }
        for (int i = 0; i < plan.nodes.size(); i++) {
            for (GroupPlan.Link link : plan.nodes.get(i).children()) {
                Processor child = processors.get(link.node());
                int input = link.input();
                if (input == GroupPlan.Link.LATE) {
                    processors.get(i).lateDownstream.add(t -> child.execute(0, t));
                } else {
                    processors.get(i).downstream.add(t -> child.execute(input, t));
                }
            }
        }
        outs = new ArrayList<>();
        for (GroupPlan.OutEdge e : plan.outputs) {
            OutEdgeBuffer buffer = new OutEdgeBuffer(e, context, context.getComponentTasks(e.target()),
                    processors.get(e.fromNode()).outFields);
            outs.add(buffer);
            processors.get(e.fromNode()).downstream.add(buffer);
        }
        markReusableOutputs();
        for (Processor p : processors) {
            p.prepare(ctx);
        }
        if (plan.spout != null) {
            spoutOnly = plan.inputs.isEmpty() && !plan.committer && plan.eventTimeField == null
                    && !plan.carriesEventTime;
            expected += 1;
            source = BatchSource.of(plan.spout, plan.txStateId);
            source.open(conf, context);
            if (plan.eventTimeField != null) {
                sourceWatermarks = new BatchWatermarks.Source(plan.txStateId, processors.get(plan.spoutEntry).outFields,
                        plan.eventTimeField, plan.maxOutOfOrderMs, plan.idleTimeoutMs,
                        context.getClock().currentTimeMillis());
            }
        }
    }

    /**
     * Lets each processor whose every consumer drops its output tuples after reading them refill one output tuple
     * ({@link Processor#reuseOutput}): in a word count the split's output goes to a count that keeps only the
     * word, so the task makes no tuple per word.
     */
    private void markReusableOutputs() {
        boolean[] kept = new boolean[processors.size()];
        for (int i = 0; i < plan.nodes.size(); i++) {
            for (GroupPlan.Link link : plan.nodes.get(i).children()) {
                kept[i] |= link.input() == GroupPlan.Link.LATE || processors.get(link.node()).keepsInput();
            }
        }
        for (int i = 0; i < outs.size(); i++) {
            kept[plan.outputs.get(i).fromNode()] |= outs.get(i).keepsTuples();
        }
        for (int i = 0; i < processors.size(); i++) {
            processors.get(i).reuseOutput = !kept[i];
        }
    }

    @Override
    public void execute(Tuple tuple) {
        String stream = tuple.getSourceStreamId();
        if (MasterBatchCoordinator.SUCCESS_STREAM.equals(stream)) {
            long txid = tuple.getLong(0);
            if (source != null) {
                source.success(txid);
            }
            if (sourceWatermarks != null) {
                sourceWatermarks.success(txid);
            }
            batches.headMap(txid, true).clear();
            collector.ack(tuple);
            return;
        }
        TransactionAttempt tx = new TransactionAttempt(tuple.getLong(0), tuple.getInteger(1));
        if (MasterBatchCoordinator.COMMIT_STREAM.equals(stream) && !plan.committer) {
            commitSpout(tx, tuple);
            return;
        }
        if (MasterBatchCoordinator.COMMIT_STREAM.equals(stream) && !plan.lateInputs) {
            commitKept(tx, tuple);
            return;
        }
        PendingBatch batch = batchFor(tx);
        if (batch == null) {
            collector.ack(tuple);
            return;
        }
        if (MasterBatchCoordinator.COMMIT_STREAM.equals(stream)) {
            batch.commitTuple = tuple;
            if (batch.complete()) {
                commit(batch, tuple);
            }
            return;
        }
        if (MasterBatchCoordinator.BATCH_STREAM.equals(stream)) {
            if (spoutOnly) {
                batches.remove(tx.getTransactionId());
                runFromSpout(tx, tuple);
                return;
            }
            if (!emitFromSpout(batch, tuple)) {
                return;
            }
        } else {
            GroupPlan.InEdge in = inputsByStream.get(stream);
            @SuppressWarnings("unchecked")
            List<List<Object>> rows = (List<List<Object>>) tuple.getValue(2);
            batch.inputs.add(new PendingBatch.Input(in.entryNode(), in.inputIndex(), in.fields(), rows,
                    tuple.getSourceTask(), in.eventTime(), tuple.getLong(3)));
        }
        batch.held.add(tuple);
        batch.received();
        if (batch.complete()) {
            if (!plan.committer) {
                run(batch, batch.tx, batch.held, false);
                batches.remove(tx.getTransactionId());
            } else {
                ackHeld(batch);
                if (batch.commitTuple != null) {
                    commit(batch, batch.commitTuple);
                }
            }
        }
    }

    /**
     * A commit for a part whose inputs arrived while the batch was processed: the batch is kept until its txid
     * succeeds, so a commit that failed is retried (with a higher attempt) over exactly the same tuples, which is
     * what keeps an opaque state exact when the spout would emit the txid differently. A task that does not have
     * the batch (it restarted) fails the commit, and the coordinator then replays the whole batch.
     */
    private void commitKept(TransactionAttempt tx, Tuple tuple) {
        PendingBatch batch = batches.get(tx.getTransactionId());
        if (batch == null || !batch.complete() || batch.tx.getAttemptId() > tx.getAttemptId()) {
            LOG.debug("'{}' has no complete batch for commit {}; failing it", plan.componentId, tx);
            collector.fail(tuple);
            return;
        }
        run(batch, tx, List.of(tuple), true);
    }

    /**
     * A commit for a part that keeps no state and gets commits only for its {@code ICommitterTridentSpout}: the
     * spout's emitter is told and the commit acked; if the emitter throws, the commit fails and is retried.
     */
    private void commitSpout(TransactionAttempt tx, Tuple tuple) {
        try {
            source.commit(tx.getTransactionId());
        } catch (RuntimeException e) {
            fail(tx, List.of(tuple), e);
            return;
        }
        collector.ack(tuple);
    }

    /** The buffer for this attempt, replacing one of an older attempt; null if the tuple is of an older one. */
    private PendingBatch batchFor(TransactionAttempt tx) {
        PendingBatch b = batches.get(tx.getTransactionId());
        if (b != null && b.tx.getAttemptId() > tx.getAttemptId()) {
            return null;
        }
        if (b == null || b.tx.getAttemptId() < tx.getAttemptId()) {
            if (b != null) {
                ackHeld(b);
            }
            b = new PendingBatch(tx, expected);
            batches.put(tx.getTransactionId(), b);
        }
        return b;
    }

    private boolean emitFromSpout(PendingBatch batch, Tuple tuple) {
        List<List<Object>> rows = new ArrayList<>();
        Fields fields = processors.get(plan.spoutEntry).outFields;
        try {
            source.emitBatch(batch.tx, coordinatorMeta(tuple), new TridentCollector() {
                @Override
                public void emit(List<Object> values) {
                    if (values.size() != fields.size()) {
                        throw new IllegalArgumentException("Spout of stream '" + plan.txStateId + "' emitted "
                                + values + " for fields " + fields);
                    }
                    rows.add(new ArrayList<>(values));
                }

                @Override
                public void reportError(Throwable t) {
                    collector.reportError(t);
                }
            });
            long watermark = sourceWatermarks == null ? BatchWatermarks.NONE
                    : sourceWatermarks.afterBatch(batch.tx.getTransactionId(), rows,
                    ctx.context.getClock().currentTimeMillis(), source.finished());
            batch.inputs.add(new PendingBatch.Input(plan.spoutEntry, 0, fields, rows, tuple.getSourceTask(),
                    sourceWatermarks != null, watermark));
        } catch (RuntimeException e) {
            batch.held.add(tuple);
            fail(batch.tx, batch.held, e);
            batches.remove(batch.tx.getTransactionId());
            return false;
        }
        return true;
    }

    /**
     * Runs a batch of a part whose only input is its spout ({@link #spoutOnly}): each tuple the spout emits goes
     * straight to the operations (a copy of its values, since a spout may reuse its list), then the part's output
     * is sent and the batch tuple acked; anything that throws fails the batch tuple. An operation's failure does
     * not reach the spout: the spout finishes its batch (and records it, to fail or replay it later) as if the
     * batch had been buffered, and the batch fails after it.
     */
    private void runFromSpout(TransactionAttempt tx, Tuple batchTuple) {
        Processor entry = processors.get(plan.spoutEntry);
        Fields fields = entry.outFields;
        List<Tuple> anchors = List.of(batchTuple);
        run(tx, anchors, BatchWatermarks.NONE, false, () -> {
            ctx.sourceTask = batchTuple.getSourceTask();
            RuntimeException[] failed = new RuntimeException[1];
            source.emitBatch(tx, coordinatorMeta(batchTuple), new TridentCollector() {
                @Override
                public void emit(List<Object> values) {
                    if (values.size() != fields.size()) {
                        throw new IllegalArgumentException("Spout of stream '" + plan.txStateId + "' emitted "
                                + values + " for fields " + fields);
                    }
                    if (failed[0] != null) {
                        return;
                    }
                    try {
                        entry.execute(0, TridentTupleView.of(fields, List.of(), values));
                    } catch (RuntimeException e) {
                        failed[0] = e;
                    }
                }

                @Override
                public void reportError(Throwable t) {
                    collector.reportError(t);
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        });
    }

    /** This stream's metadata from its spout's coordinator, carried by the batch tuple; null if it has none. */
    private byte[] coordinatorMeta(Tuple batchTuple) {
        @SuppressWarnings("unchecked")
        Map<String, byte[]> metas = (Map<String, byte[]>) batchTuple.getValue(2);
        return metas.get(plan.txStateId);
    }

    private void commit(PendingBatch batch, Tuple commitTuple) {
        batches.remove(batch.tx.getTransactionId());
        run(batch, batch.tx, List.of(commitTuple), true);
    }

    /**
     * Runs the operations over the batch as attempt {@code tx}, emits to every downstream task anchored to
     * {@code anchors}, acks them; fails them if an operation throws. {@code commit}: this is the batch's commit, so
     * after the part's states have committed, the part's spout commits it too.
     */
    private void run(PendingBatch batch, TransactionAttempt tx, List<Tuple> anchors, boolean commit) {
        run(tx, anchors, inputWatermark(batch), commit, () -> {
            for (PendingBatch.Input in : batch.inputs) {
                Processor entry = processors.get(in.entryNode());
                ctx.sourceTask = in.sourceTask();
                for (List<Object> row : in.rows()) {
                    entry.execute(in.inputIndex(), new TridentTupleView(in.fields(), row));
                }
            }
        });
    }

    /**
     * Runs the operations over what {@code feed} gives their entry points as attempt {@code tx}, emits to every
     * downstream task anchored to {@code anchors}, acks them; fails them if anything throws.
     */
    private void run(TransactionAttempt tx, List<Tuple> anchors, long inputWatermark, boolean commit, Runnable feed) {
        ctx.tx = tx;
        long txid = tx.getTransactionId();
        try {
            for (OutEdgeBuffer out : outs) {
                out.reset(txid);
            }
            ctx.inputWatermark = inputWatermark;
            for (Processor p : processors) {
                p.startBatch();
            }
            feed.run();
            for (Processor p : processors) {
                p.finishBatch();
            }
            if (commit && source != null) {
                source.commit(txid);
            }
        } catch (RuntimeException e) {
            fail(tx, anchors, e);
            return;
        }
        long watermark = outputWatermark();
        for (OutEdgeBuffer out : outs) {
            for (int i = 0; i < out.targetTasks.size(); i++) {
                collector.emitDirect(out.targetTasks.get(i), out.edge.streamId(), anchors,
                        new Values(txid, tx.getAttemptId(), out.rows(i), watermark));
            }
        }
        for (Tuple t : anchors) {
            collector.ack(t);
        }
    }

    /** The least watermark of the batch's inputs that carry event time ({@link BatchWatermarks}). */
    private long inputWatermark(PendingBatch batch) {
        if (!plan.carriesEventTime) {
            return BatchWatermarks.NONE;
        }
        long w = BatchWatermarks.IDLE;
        for (PendingBatch.Input in : batch.inputs) {
            if (in.eventTime()) {
                w = BatchWatermarks.combine(w, in.watermark());
            }
        }
        return w;
    }

    /** The watermark the part's output carries after the batch: idle when its inputs are, else its operations'. */
    private long outputWatermark() {
        long in = ctx.inputWatermark;
        if (!plan.carriesEventTime || in == BatchWatermarks.IDLE) {
            return in;
        }
        long w = in;
        for (Processor p : processors) {
            w = Math.min(w, p.outputWatermark(in));
        }
        return w;
    }

    private void fail(TransactionAttempt tx, List<Tuple> anchors, RuntimeException e) {
        if (!(e instanceof FailedException) || e instanceof ReportedFailedException) {
            // The error log writes reported errors at a bounded rate; a batch retried against a store that is down
            // fails thousands of times a second, so its attempts are logged here at debug only.
            LOG.debug("Batch {} failed in '{}': {}", tx, plan.componentId, e.toString());
            collector.reportError(e);
        }
        for (Tuple t : anchors) {
            collector.fail(t);
        }
    }

    private void ackHeld(PendingBatch batch) {
        for (Tuple t : batch.held) {
            collector.ack(t);
        }
        batch.held.clear();
    }

    @Override
    public void cleanup() {
        for (Processor p : processors) {
            p.cleanup();
        }
        if (source != null) {
            source.close();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        for (GroupPlan.OutEdge e : plan.outputs) {
            declarer.declareStream(e.streamId(), true, WIRE_FIELDS);
        }
    }
}
