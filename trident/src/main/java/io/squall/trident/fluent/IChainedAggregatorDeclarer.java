package io.squall.trident.fluent;

import io.squall.trident.Stream;

/** Ends a chain of aggregations started by {@code chainedAgg()}. */
public interface IChainedAggregatorDeclarer {
    /**
     * The stream of the chained aggregations' results: the group fields (when grouped), then each aggregation's
     * fields in declaration order.
     */
    Stream chainEnd();
}
