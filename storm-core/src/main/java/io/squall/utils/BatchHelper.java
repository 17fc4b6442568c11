package io.squall.utils;

import io.squall.task.OutputCollector;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Storm's helper for a bolt that writes its input in batches (to a database, a search index): the bolt adds each
 * tuple with {@link #addBatch}, writes {@link #getBatchTuples()} once {@link #shouldFlush()} says so (the batch is
 * full, or a tick tuple came: give the bolt {@code topology.tick.tuple.freq.secs} so a slow stream is written too),
 * then calls {@link #ack()}, or {@link #fail} if the write failed, which replays the batch's tuples. Not thread-safe:
 * one per bolt task, used on its executor's thread.
 *
 * <pre>{@code
 * public void execute(Tuple tuple) {
 *     if (batch.shouldHandle(tuple)) {
 *         batch.addBatch(tuple);
 *     }
 *     if (batch.shouldFlush()) {
 *         try {
 *             store.write(batch.getBatchTuples());
 *             batch.ack();
 *         } catch (Exception e) {
 *             batch.fail(e);
 *         }
 *     }
 * }
 * }</pre>
 */
public class BatchHelper {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHelper.class);
    /** The batch size when the one given is not above 0, as Storm's. */
    static final int DEFAULT_BATCH_SIZE = 15_000;

    private final int batchSize;
    private final OutputCollector collector;
    private final List<Tuple> batch = new ArrayList<>();
    private boolean flushDue;

    /**
     * @param batchSize how many tuples make a full batch; 0 or less: {@value #DEFAULT_BATCH_SIZE}
     * @param collector the bolt's collector, which acks and fails the batch's tuples
     */
    public BatchHelper(int batchSize, OutputCollector collector) {
        this.batchSize = batchSize > 0 ? batchSize : DEFAULT_BATCH_SIZE;
        this.collector = collector;
    }

    /**
     * Whether {@code tuple} is one to add to the batch: not a tick tuple. A tick tuple instead makes the batch due, so
     * {@link #shouldFlush()} is true while it holds anything.
     */
    public boolean shouldHandle(Tuple tuple) {
        if (TupleUtils.isTick(tuple)) {
            LOG.debug("Tick: the batch of {} of {} tuples is due", batch.size(), batchSize);
            flushDue = true;
            return false;
        }
        return true;
    }

    /** Adds a tuple; the batch is due once it holds {@link #getBatchSize()} tuples. */
    public void addBatch(Tuple tuple) {
        batch.add(tuple);
        if (batch.size() >= batchSize) {
            flushDue = true;
        }
    }

    /** Whether the batch should be written now: it is due (full, or a tick came) and holds a tuple. */
    public boolean shouldFlush() {
        return flushDue && !batch.isEmpty();
    }

    /** The batch's tuples, in the order added; the live list, emptied by {@link #ack()} and {@link #fail}. */
    public List<Tuple> getBatchTuples() {
        return batch;
    }

    /** How many tuples make a full batch. */
    public int getBatchSize() {
        return batchSize;
    }

    /** Acks every tuple of the batch (it was written) and starts a new one. */
    public void ack() {
        for (Tuple t : batch) {
            collector.ack(t);
        }
        batch.clear();
        flushDue = false;
    }

    /** Reports {@code e} as the bolt's error, fails every tuple of the batch so they are replayed, and starts anew. */
    public void fail(Exception e) {
        collector.reportError(e);
        for (Tuple t : batch) {
            collector.fail(t);
        }
        batch.clear();
        flushDue = false;
    }
}
