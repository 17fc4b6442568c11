package io.squall.trident.fluent;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.tuple.Fields;

/** A chain of aggregations of what each task has of a batch; only more of those can follow. */
public interface ChainedPartitionAggregatorDeclarer extends IChainedAggregatorDeclarer {
    /** Adds an aggregation over every field. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(Aggregator<?> agg, Fields functionFields);

    /** Adds an aggregation of {@code inputFields}. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, Aggregator<?> agg,
                                                          Fields functionFields);

    /** Adds a combination over every field. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(CombinerAggregator<?> agg, Fields functionFields);

    /** Adds a combination of {@code inputFields}. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, CombinerAggregator<?> agg,
                                                          Fields functionFields);

    /** Adds a reduction over every field. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(ReducerAggregator<?> agg, Fields functionFields);

    /** Adds a reduction of {@code inputFields}. */
    ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, ReducerAggregator<?> agg,
                                                          Fields functionFields);
}
