package io.squall.trident.fluent;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.tuple.Fields;

/** A chain of aggregations of whole batches (or whole groups of a batch); only more of those can follow. */
public interface ChainedFullAggregatorDeclarer extends IChainedAggregatorDeclarer {
    /** Adds an aggregation over every field. */
    ChainedFullAggregatorDeclarer aggregate(Aggregator<?> agg, Fields functionFields);

    /** Adds an aggregation of {@code inputFields}. */
    ChainedFullAggregatorDeclarer aggregate(Fields inputFields, Aggregator<?> agg, Fields functionFields);

    /** Adds a combination over every field. */
    ChainedFullAggregatorDeclarer aggregate(CombinerAggregator<?> agg, Fields functionFields);

    /** Adds a combination of {@code inputFields}. */
    ChainedFullAggregatorDeclarer aggregate(Fields inputFields, CombinerAggregator<?> agg, Fields functionFields);

    /** Adds a reduction over every field. */
    ChainedFullAggregatorDeclarer aggregate(ReducerAggregator<?> agg, Fields functionFields);

    /** Adds a reduction of {@code inputFields}. */
    ChainedFullAggregatorDeclarer aggregate(Fields inputFields, ReducerAggregator<?> agg, Fields functionFields);
}
