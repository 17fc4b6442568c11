package io.squall.trident;

import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.planner.Partitioning;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.tuple.Fields;

/**
 * A stream grouped by some fields: aggregations run per group (all tuples of a group meet in one task), and
 * persistent aggregations keep one value per group in a map state.
 */
public class GroupedStream {
    private final Stream stream;
    private final Fields groupFields;

    GroupedStream(Stream stream, Fields groupFields) {
        this.stream = stream;
        this.groupFields = groupFields;
        for (String f : groupFields) {
            if (!stream.getOutputFields().contains(f)) {
                throw new IllegalArgumentException("groupBy: field '" + f + "' is not in the stream's fields "
                        + stream.getOutputFields());
            }
        }
    }

    /** The grouping fields. */
    public Fields getGroupFields() {
        return groupFields;
    }

    /** Aggregates each group of a batch; emits the group fields followed by the aggregator's. */
    public Stream aggregate(Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return grouped(inputFields, aggregator, functionFields);
    }

    /** Aggregates each group of a batch with every field as input. */
    public Stream aggregate(Aggregator<?> aggregator, Fields functionFields) {
        return grouped(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Combines each group of a batch into one value (each task combines its part first). */
    public Stream aggregate(Fields inputFields, CombinerAggregator<?> aggregator, Fields functionFields) {
        return new Stream(stream.topology, stream.topology.graph().combine(stream.node, groupFields, inputFields,
                aggregator, functionFields, Partitioning.FIELDS));
    }

    /** Combines each group of a batch into one value, with every field as input. */
    public Stream aggregate(CombinerAggregator<?> aggregator, Fields functionFields) {
        return aggregate(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Reduces each group of a batch into one value. */
    public Stream aggregate(Fields inputFields, ReducerAggregator<?> aggregator, Fields functionFields) {
        return grouped(inputFields, aggregator, functionFields);
    }

    /** Aggregates each group of what a task has of a batch, without moving tuples. */
    public Stream partitionAggregate(Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return new Stream(stream.topology, stream.topology.graph().aggregate(stream.node, groupFields, inputFields,
                aggregator, functionFields));
    }

    private Stream grouped(Fields inputFields, Object aggregator, Fields functionFields) {
        Stream parted = stream.partitionBy(groupFields);
        return new Stream(stream.topology, stream.topology.graph().aggregate(parted.node, groupFields, inputFields,
                aggregator, functionFields));
    }

    /**
     * Combines each group of every batch into its value in a map state (each task combines its part of the batch
     * first); emits the group and its new value.
     */
    public TridentState persistentAggregate(StateFactory factory, Fields inputFields,
                                            CombinerAggregator<?> aggregator, Fields functionFields) {
        return new TridentState(stream.topology, stream.topology.graph().persistentCombine(stream.node, factory,
                groupFields, inputFields, aggregator, functionFields, Partitioning.FIELDS), factory);
    }

    /** Combines, with every field as input, each group of every batch into its value in a map state. */
    public TridentState persistentAggregate(StateFactory factory, CombinerAggregator<?> aggregator,
                                            Fields functionFields) {
        return persistentAggregate(factory, stream.getOutputFields(), aggregator, functionFields);
    }

    /** Reduces each group of every batch into its value in a map state. */
    public TridentState persistentAggregate(StateFactory factory, Fields inputFields,
                                            ReducerAggregator<?> aggregator, Fields functionFields) {
        return persist(factory, inputFields, aggregator, functionFields);
    }

    private TridentState persist(StateFactory factory, Fields inputFields, Object aggregator, Fields functionFields) {
        Stream parted = stream.partitionBy(groupFields);
        return new TridentState(stream.topology, stream.topology.graph().persistentAggregate(parted.node, factory,
                groupFields, inputFields, aggregator, functionFields), factory);
    }

    /** Queries a state per tuple, with tuples of equal group values in the same task. */
    public Stream stateQuery(TridentState state, Fields inputFields, QueryFunction<?, ?> function,
                             Fields functionFields) {
        return stream.partitionBy(groupFields).stateQuery(state, inputFields, function, functionFields);
    }

    /** The stream, ungrouped. */
    public Stream toStream() {
        return stream;
    }
}
