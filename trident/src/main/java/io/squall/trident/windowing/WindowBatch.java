package io.squall.trident.windowing;

import java.io.Serializable;
import java.util.List;

/**
 * What one batch did to a window partition, as kept in its {@link WindowsStore}: the tuples it added (with their
 * times), when it committed, what the windows it fired emitted and which tuples were late. Enough to rebuild the
 * windows after a restart and to emit the same output if the commit is retried.
 *
 * @param startMs      when the partition's windows started (the first batch's commit time)
 * @param timeMs       when this batch committed
 * @param eventsBefore how many tuples earlier batches added
 * @param timestamps   each added tuple's time
 * @param sources      each added tuple's source task
 * @param tuples       the added tuples
 * @param results      what the windows fired by this batch emitted
 * @param late         the tuples that were late
 * @param watermark    the watermark the windows moved to after the batch, when they run on the watermarks that flow
 *                     from the spouts; {@code Long.MIN_VALUE} when it did not move (or is derived from the tuples)
 */
public record WindowBatch(long startMs, long timeMs, long eventsBefore, List<Long> timestamps,
                          List<Integer> sources, List<List<Object>> tuples, List<List<Object>> results,
                          List<List<Object>> late, long watermark)
        implements Serializable {
    /** A batch of windows whose watermark is derived from the tuples. */
    public WindowBatch(long startMs, long timeMs, long eventsBefore, List<Long> timestamps, List<Integer> sources,
                       List<List<Object>> tuples, List<List<Object>> results, List<List<Object>> late) {
        this(startMs, timeMs, eventsBefore, timestamps, sources, tuples, results, late, Long.MIN_VALUE);
    }
}
