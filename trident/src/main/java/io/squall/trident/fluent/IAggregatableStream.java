package io.squall.trident.fluent;

import io.squall.trident.Stream;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.Function;
import io.squall.tuple.Fields;

/**
 * A stream that can be aggregated per partition: a {@link Stream}, or a {@link GroupedStream} whose aggregations
 * run per group. {@link ChainedAggregatorDeclarer} and {@link GlobalAggregationScheme} work on either.
 */
public interface IAggregatableStream {
    /** Adds {@code function}'s fields to each tuple (see {@link Stream#each(Fields, Function, Fields)}). */
    IAggregatableStream each(Fields inputFields, Function function, Fields functionFields);

    /** Aggregates what each task has of a batch (per group, when grouped), without moving tuples. */
    IAggregatableStream partitionAggregate(Fields inputFields, Aggregator<?> agg, Fields functionFields);

    /** The stream, ungrouped. */
    Stream toStream();

    /** The fields of the stream's tuples. */
    Fields getOutputFields();
}
