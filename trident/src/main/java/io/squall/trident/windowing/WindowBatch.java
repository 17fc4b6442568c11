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
 */
public record WindowBatch(long startMs, long timeMs, long eventsBefore, List<Long> timestamps,
                          List<Integer> sources, List<List<Object>> tuples, List<List<Object>> results,
                          List<List<Object>> late)
        implements Serializable {
}
