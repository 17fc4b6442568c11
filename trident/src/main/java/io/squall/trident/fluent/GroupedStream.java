package io.squall.trident.fluent;

import io.squall.trident.Stream;
import io.squall.trident.TridentState;
import io.squall.trident.plan.StreamAccess;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.Filter;
import io.squall.trident.operation.Function;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;

/**
 * A stream grouped by some fields: aggregations run per group (all tuples of a group meet in one task), and
 * persistent aggregations keep one value per group in a map state. Made by {@code stream.groupBy(fields)}.
 */
public class GroupedStream implements IAggregatableStream, GlobalAggregationScheme<GroupedStream> {
    private final Stream stream;
    private final Fields groupFields;

    /**
     * {@code stream} grouped by {@code groupFields}.
     *
     * @throws IllegalArgumentException if a group field is not one of the stream's
     */
    public GroupedStream(Stream stream, Fields groupFields) {
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

    /** The fields of the stream's tuples. */
    @Override
    public Fields getOutputFields() {
        return stream.getOutputFields();
    }

    /** Names this part of the stream; still grouped. */
    public GroupedStream name(String name) {
        stream.name(name);
        return this;
    }

    /** {@link Stream#each(Fields, Function, Fields)}, still grouped by the same fields. */
    @Override
    public GroupedStream each(Fields inputFields, Function function, Fields functionFields) {
        return new GroupedStream(stream.each(inputFields, function, functionFields), groupFields);
    }

    /** {@link Stream#each(Function, Fields)}, still grouped by the same fields. */
    public GroupedStream each(Function function, Fields functionFields) {
        return new GroupedStream(stream.each(function, functionFields), groupFields);
    }

    /** {@link Stream#each(Fields, Filter)}, still grouped by the same fields. */
    public GroupedStream each(Fields inputFields, Filter filter) {
        return new GroupedStream(stream.each(inputFields, filter), groupFields);
    }

    /**
     * Several aggregations of each group at once, declared on the returned declarer and ended by
     * {@code chainEnd()}; the output is the group fields then each aggregation's fields.
     */
    public ChainedAggregatorDeclarer chainedAgg() {
        return new ChainedAggregatorDeclarer(this, this);
    }

    /** Repartitions {@code grouped} so that each group of a batch is in one task; still grouped. */
    @Override
    public IAggregatableStream aggPartition(GroupedStream grouped) {
        return new GroupedStream(grouped.stream.partitionBy(grouped.groupFields), grouped.groupFields);
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
        return to(plan().combine(node(), groupFields, inputFields, aggregator, functionFields, Partitioning.FIELDS));
    }

    /** Combines each group of a batch into one value, with every field as input. */
    public Stream aggregate(CombinerAggregator<?> aggregator, Fields functionFields) {
        return aggregate(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Reduces each group of a batch into one value. */
    public Stream aggregate(Fields inputFields, ReducerAggregator<?> aggregator, Fields functionFields) {
        return grouped(inputFields, aggregator, functionFields);
    }

    /** Reduces each group of a batch into one value, with every field as input. */
    public Stream aggregate(ReducerAggregator<?> aggregator, Fields functionFields) {
        return grouped(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Aggregates each group of what a task has of a batch, without moving tuples. */
    @Override
    public Stream partitionAggregate(Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Aggregates each group of what a task has of a batch, with every field as input. */
    public Stream partitionAggregate(Aggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Combines each group of what a task has of a batch. */
    public Stream partitionAggregate(Fields inputFields, CombinerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Combines each group of what a task has of a batch, with every field as input. */
    public Stream partitionAggregate(CombinerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(stream.getOutputFields(), aggregator, functionFields);
    }

    /** Reduces each group of what a task has of a batch. */
    public Stream partitionAggregate(Fields inputFields, ReducerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Reduces each group of what a task has of a batch, with every field as input. */
    public Stream partitionAggregate(ReducerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(stream.getOutputFields(), aggregator, functionFields);
    }

    private Stream partitionAggregateAny(Fields inputFields, Object aggregator, Fields functionFields) {
        return to(plan().aggregate(node(), groupFields, inputFields, aggregator, functionFields));
    }

    private Stream grouped(Fields inputFields, Object aggregator, Fields functionFields) {
        Stream parted = stream.partitionBy(groupFields);
        return to(plan().aggregate(StreamAccess.get().node(parted), groupFields, inputFields, aggregator,
                functionFields));
    }

    /**
     * Combines each group of every batch into its value in a map state (each task combines its part of the batch
     * first); emits the group and its new value.
     */
    public TridentState persistentAggregate(StateFactory factory, Fields inputFields,
                                            CombinerAggregator<?> aggregator, Fields functionFields) {
        return StreamAccess.get().state(stream, plan().persistentCombine(node(), factory, groupFields, inputFields,
                aggregator, functionFields, Partitioning.FIELDS), factory);
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

    /** Reduces, with every field as input, each group of every batch into its value in a map state. */
    public TridentState persistentAggregate(StateFactory factory, ReducerAggregator<?> aggregator,
                                            Fields functionFields) {
        return persist(factory, stream.getOutputFields(), aggregator, functionFields);
    }

    /** {@link #persistentAggregate(StateFactory, Fields, CombinerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, Fields inputFields, CombinerAggregator<?> aggregator,
                                            Fields functionFields) {
        return applySpec(persistentAggregate(spec.stateFactory, inputFields, aggregator,
                functionFields), spec);
    }

    /** {@link #persistentAggregate(StateFactory, CombinerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, CombinerAggregator<?> aggregator, Fields functionFields) {
        return persistentAggregate(spec, stream.getOutputFields(), aggregator, functionFields);
    }

    /** {@link #persistentAggregate(StateFactory, Fields, ReducerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, Fields inputFields, ReducerAggregator<?> aggregator,
                                            Fields functionFields) {
        return applySpec(persistentAggregate(spec.stateFactory, inputFields, aggregator,
                functionFields), spec);
    }

    /** {@link #persistentAggregate(StateFactory, ReducerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, ReducerAggregator<?> aggregator, Fields functionFields) {
        return persistentAggregate(spec, stream.getOutputFields(), aggregator, functionFields);
    }

    private TridentState persist(StateFactory factory, Fields inputFields, Object aggregator, Fields functionFields) {
        Stream parted = stream.partitionBy(groupFields);
        return StreamAccess.get().state(stream, plan().persistentAggregate(StreamAccess.get().node(parted), factory,
                groupFields, inputFields, aggregator, functionFields), factory);
    }

    private static TridentState applySpec(TridentState state, StateSpec spec) {
        return spec.requiredNumPartitions == null ? state : state.parallelismHint(spec.requiredNumPartitions);
    }

    /** Queries a state per tuple, with tuples of equal group values in the same task. */
    public Stream stateQuery(TridentState state, Fields inputFields, QueryFunction<?, ?> function,
                             Fields functionFields) {
        return stream.partitionBy(groupFields).stateQuery(state, inputFields, function, functionFields);
    }

    /** Queries a state per tuple with every field as input, tuples of equal group values in the same task. */
    public Stream stateQuery(TridentState state, QueryFunction<?, ?> function, Fields functionFields) {
        return stateQuery(state, stream.getOutputFields(), function, functionFields);
    }

    /**
     * Windows per group: the stream is partitioned by the group fields and each group of each partition gets its
     * own windows of {@code config} (by duration, by processing or event time, or sessions by event time; windows
     * by count are not kept per group), aggregated each time one fires. Each result is the group fields followed
     * by the aggregator's, when the batch that fired the window commits. By event time the groups of a partition
     * share its watermark, and a tuple is late only when every window of its group that could hold it has fired;
     * {@link Stream#lateTupleStream()} of the result streams the late tuples when {@code config} routes them.
     *
     * @throws IllegalArgumentException for windows by count, or sessions without a timestamp field
     */
    public Stream window(WindowConfig config, WindowsStoreFactory store, Fields inputFields, Aggregator<?> aggregator,
                         Fields functionFields) {
        return windowAny(config, store, inputFields, aggregator, functionFields);
    }

    /** {@link #window(WindowConfig, WindowsStoreFactory, Fields, Aggregator, Fields)} keeping tuples in memory. */
    public Stream window(WindowConfig config, Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return windowAny(config, new InMemoryWindowsStoreFactory(), inputFields, aggregator, functionFields);
    }

    /** Combines each group's tuples of each window of {@code config} into one value. */
    public Stream window(WindowConfig config, WindowsStoreFactory store, Fields inputFields,
                         CombinerAggregator<?> aggregator, Fields functionFields) {
        return windowAny(config, store, inputFields, aggregator, functionFields);
    }

    /** Windows per group of one of Storm's window config classes (by duration), keeping tuples in {@code store}. */
    public Stream window(io.squall.trident.windowing.config.WindowConfig config, WindowsStoreFactory store,
                         Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return windowAny(WindowConfig.of(config), store, inputFields, aggregator, functionFields);
    }

    /** Windows per group of one of Storm's window config classes (by duration), keeping tuples in memory. */
    public Stream window(io.squall.trident.windowing.config.WindowConfig config, Fields inputFields,
                         Aggregator<?> aggregator, Fields functionFields) {
        return windowAny(WindowConfig.of(config), new InMemoryWindowsStoreFactory(), inputFields, aggregator,
                functionFields);
    }

    /** Aggregates tumbling windows of {@code windowDuration} of each group (processing time). */
    public Stream tumblingWindow(BaseWindowedBolt.Duration windowDuration, WindowsStoreFactory store,
                                 Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return windowAny(WindowConfig.tumbling(windowDuration), store, inputFields, aggregator, functionFields);
    }

    /** Aggregates the last {@code windowDuration} of each group every {@code slideDuration} (processing time). */
    public Stream slidingWindow(BaseWindowedBolt.Duration windowDuration, BaseWindowedBolt.Duration slideDuration,
                                WindowsStoreFactory store, Fields inputFields, Aggregator<?> aggregator,
                                Fields functionFields) {
        return windowAny(WindowConfig.sliding(windowDuration, slideDuration), store, inputFields, aggregator,
                functionFields);
    }

    private Stream windowAny(WindowConfig config, WindowsStoreFactory store, Fields inputFields, Object aggregator,
                             Fields functionFields) {
        Stream parted = stream.partitionBy(groupFields);
        return to(plan().window(StreamAccess.get().node(parted), groupFields, config, store, inputFields, aggregator,
                functionFields));
    }

    /** The stream, ungrouped. */
    @Override
    public Stream toStream() {
        return stream;
    }

    private TridentPlan plan() {
        return StreamAccess.get().plan(stream);
    }

    private PlanNode node() {
        return StreamAccess.get().node(stream);
    }

    private Stream to(PlanNode node) {
        return StreamAccess.get().stream(stream, node);
    }
}
