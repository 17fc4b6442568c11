package io.squall.trident.planner;

import io.squall.tuple.Fields;

import java.util.List;
import java.util.TreeMap;

/**
 * Event-time watermarks that travel with Trident's batches. Every sub-batch a task sends carries its watermark after
 * that batch: a promise that nothing at or before it will come from the task in a later batch. A spout task's is the
 * newest event time it emitted less the declared out-of-orderness ({@link Source}); a task of any other part sends
 * the least over the sub-batches it got for the batch from the tasks upstream that carry event time
 * ({@link #combine}), or, behind a window by event time, the watermark the window fired at. Since every upstream
 * task sends each task one sub-batch per batch, the least is over every upstream task the topology declares,
 * whether or not it has emitted anything, and it is a function of the batch alone: the order in which batches are
 * processed (or replayed) does not change it.
 *
 * <p>Besides a time, a watermark is {@link #NONE} (nothing promised yet: holds the least back), {@link #IDLE} (the
 * spout task emitted nothing for its idle timeout: holds nothing back) or {@link #END} (the spout finished: every
 * window fires).
 */
final class BatchWatermarks {
    /** Nothing promised yet. */
    static final long NONE = Long.MIN_VALUE;
    /** An idle spout task, or a task all of whose inputs are idle. */
    static final long IDLE = Long.MIN_VALUE + 1;
    /** A finished spout, or a task all of whose inputs finished. */
    static final long END = Long.MAX_VALUE;

    private BatchWatermarks() {
    }

    /** The least of two watermarks, where an idle one holds nothing back; {@link #IDLE} if both are. */
    static long combine(long a, long b) {
        if (a == IDLE) {
            return b;
        }
        if (b == IDLE) {
            return a;
        }
        return Math.min(a, b);
    }

    /** A watermark for logs. */
    static String describe(long w) {
        return w == NONE ? "none" : w == IDLE ? "idle" : w == END ? "end" : Long.toString(w);
    }

    /**
     * The watermarks of one spout task with event time, per batch. The watermark a batch carries is decided when the
     * task first emits it and kept until the batch succeeds, so a replayed batch carries the same one. Confined to the
     * task thread.
     */
    static final class Source {
        private final String txId;
        private final String field;
        private final int fieldIndex;
        private final long maxOutOfOrderMs;
        private final long idleTimeoutMs;
        private final TreeMap<Long, Long> byTxid = new TreeMap<>();
        private long newest = NONE;
        private long lastEmitMs;
        private boolean ended;

        /**
         * @param fields the spout's output fields, among them {@code field}
         * @param nowMs  the time now: the idle timeout counts from here
         */
        Source(String txId, Fields fields, String field, long maxOutOfOrderMs, long idleTimeoutMs, long nowMs) {
            this.txId = txId;
            this.field = field;
            this.fieldIndex = fields.fieldIndex(field);
            this.maxOutOfOrderMs = maxOutOfOrderMs;
            this.idleTimeoutMs = idleTimeoutMs;
            this.lastEmitMs = nowMs;
        }

        /**
         * The watermark batch {@code txid} carries, once the task emitted {@code rows} for it at {@code nowMs};
         * {@code finished}: the spout has emitted all it will.
         *
         * @throws IllegalArgumentException if a row's event-time field is not a number
         */
        long afterBatch(long txid, List<List<Object>> rows, long nowMs, boolean finished) {
            Long kept = byTxid.get(txid);
            if (kept != null) {
                return kept;
            }
            for (List<Object> row : rows) {
                Object v = row.get(fieldIndex);
                if (!(v instanceof Number n)) {
                    throw new IllegalArgumentException("Spout of stream '" + txId + "' emitted event-time field '"
                            + field + "' as " + v + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")")
                            + ": it must be a number of epoch milliseconds");
                }
                newest = Math.max(newest, n.longValue());
            }
            if (!rows.isEmpty()) {
                lastEmitMs = nowMs;
            }
            ended |= finished;
            long w;
            if (ended) {
                w = END;
            } else if (rows.isEmpty() && idleTimeoutMs > 0 && nowMs - lastEmitMs >= idleTimeoutMs) {
                w = IDLE;
            } else {
                w = newest == NONE ? NONE : newest - maxOutOfOrderMs - 1;
            }
            byTxid.put(txid, w);
            return w;
        }

        /** Batch {@code txid} and those before it succeeded: they are not emitted again. */
        void success(long txid) {
            byTxid.headMap(txid, true).clear();
        }
    }
}
