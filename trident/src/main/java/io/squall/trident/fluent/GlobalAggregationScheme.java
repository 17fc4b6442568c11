package io.squall.trident.fluent;

/**
 * How a stream is repartitioned before a whole-batch aggregation, so that what is aggregated together meets in
 * one task: a {@code Stream} moves each batch to one task, a {@link GroupedStream} each group of it.
 *
 * <p>Storm's interface also has {@code singleEmitPartitioner()}, which picks the task of a global aggregation
 * per batch; Squall's batch-global partitioning does that itself, so the scheme has only {@link #aggPartition}.
 *
 * @param <S> the kind of stream repartitioned
 */
public interface GlobalAggregationScheme<S extends IAggregatableStream> {
    /** {@code stream} repartitioned for the second stage of an aggregation. */
    IAggregatableStream aggPartition(S stream);
}
