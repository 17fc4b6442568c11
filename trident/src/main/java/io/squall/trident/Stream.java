package io.squall.trident;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.Grouping;
import io.squall.topology.ResourceDeclarer;
import io.squall.topology.SharedMemory;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.fluent.ChainedAggregatorDeclarer;
import io.squall.trident.fluent.GlobalAggregationScheme;
import io.squall.trident.fluent.GroupedStream;
import io.squall.trident.fluent.IAggregatableStream;
import io.squall.trident.plan.StreamAccess;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.Assembly;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.Filter;
import io.squall.trident.operation.FlatMapFunction;
import io.squall.trident.operation.Function;
import io.squall.trident.operation.MapFunction;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.builtin.Max;
import io.squall.trident.operation.builtin.MaxWithComparator;
import io.squall.trident.operation.builtin.Min;
import io.squall.trident.operation.builtin.MinWithComparator;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;

import java.util.Comparator;

/**
 * A stream of batches. Operations return new streams; operations between two repartitionings run together in
 * the same tasks. Every operation sees whole batches: an aggregation covers one batch, a join pairs tuples of the
 * same batch.
 */
public class Stream implements IAggregatableStream, ResourceDeclarer<Stream> {
    /** A whole-batch aggregation first moves each batch to one task. */
    private static final GlobalAggregationScheme<Stream> BATCH_GLOBAL = Stream::batchGlobal;

    static {
        StreamAccess.install(new StreamAccess.Accessor() {
            @Override
            public TridentPlan plan(Stream stream) {
                return stream.topology.graph();
            }

            @Override
            public PlanNode node(Stream stream) {
                return stream.node;
            }

            @Override
            public Stream stream(Stream like, PlanNode node) {
                return like.to(node);
            }

            @Override
            public TridentState state(Stream like, PlanNode node, StateFactory factory) {
                return like.state(node, factory);
            }
        });
    }

    final TridentTopology topology;
    final PlanNode node;
    private final String name;

    Stream(TridentTopology topology, PlanNode node) {
        this(topology, node, null);
    }

    Stream(TridentTopology topology, PlanNode node, String name) {
        this.topology = topology;
        this.node = node;
        this.name = name;
    }

    /** The stream of {@code n}'s output, which carries this stream's name on. */
    private Stream to(PlanNode n) {
        return new Stream(topology, n, name);
    }

    private TridentState state(PlanNode n, StateFactory factory) {
        return new TridentState(topology, n, factory, name);
    }

    /** The fields of this stream's tuples. */
    @Override
    public Fields getOutputFields() {
        return node.fields();
    }

    /**
     * Names this part of the stream (its bolt's component id ends with the name); the returned stream, and those
     * made from it, have that name ({@link #getName}).
     */
    public Stream name(String name) {
        topology.graph().name(node, name);
        return new Stream(topology, node, name);
    }

    /** The name given with {@link #name} to this stream or one it was made from, or null if none was. */
    public String getName() {
        return name;
    }

    /**
     * Declares event time at this stream's spout (call it on the stream {@code newStream} returns): {@code field}
     * holds each tuple's epoch milliseconds, at most {@code maxOutOfOrder} out of order. Each spout task then sends,
     * with every batch, its watermark (the newest event time it emitted less {@code maxOutOfOrder}), and the
     * watermarks flow with the batches through every part of the topology: a window by event time downstream fires
     * on the least watermark of all its upstream tasks, as a windowed bolt does on its spouts' watermarks. A spout
     * that implements {@link io.squall.trident.spout.IFiniteTridentSpout} (or an {@code IFiniteSpout} given to
     * {@code newStream}) sends the final watermark once it has finished, which fires every window.
     */
    public Stream withEventTime(String field, java.time.Duration maxOutOfOrder) {
        return withEventTime(field, maxOutOfOrder, java.time.Duration.ZERO);
    }

    /**
     * {@link #withEventTime(String, java.time.Duration)}, and a spout task that emitted nothing for
     * {@code idleTimeout} is idle: it no longer holds the watermark back until it emits again.
     */
    public Stream withEventTime(String field, java.time.Duration maxOutOfOrder, java.time.Duration idleTimeout) {
        if (maxOutOfOrder == null || idleTimeout == null) {
            throw new IllegalArgumentException("withEventTime needs an out-of-orderness and an idle timeout "
                    + "(Duration.ZERO: none), got " + maxOutOfOrder + " and " + idleTimeout);
        }
        topology.graph().eventTime(node, field, maxOutOfOrder.toMillis(), idleTimeout.toMillis());
        return this;
    }

    /** Runs this part of the stream (the operations since the last repartitioning) in {@code parallelism} tasks. */
    public Stream parallelismHint(int parallelism) {
        topology.graph().parallelism(node, parallelism);
        return this;
    }

    /** Appends the function's output fields to each tuple, once per tuple the function emits. */
    @Override
    public Stream each(Fields inputFields, Function function, Fields functionFields) {
        return to(topology.graph().each(node, inputFields, function, functionFields));
    }

    /** {@link #each(Fields, Function, Fields)} with every field as input. */
    public Stream each(Function function, Fields functionFields) {
        return each(node.fields(), function, functionFields);
    }

    /** Keeps the tuples the filter keeps, looking at {@code inputFields}. */
    public Stream each(Fields inputFields, Filter filter) {
        return filter(inputFields, filter);
    }

    /** Keeps the tuples the filter keeps. */
    public Stream filter(Filter filter) {
        return filter(node.fields(), filter);
    }

    /** Keeps the tuples the filter keeps, looking at {@code inputFields}. */
    public Stream filter(Fields inputFields, Filter filter) {
        return to(topology.graph().filter(node, inputFields, filter));
    }

    /** Replaces each tuple by the function's result, with the same fields. */
    public Stream map(MapFunction function) {
        return map(function, node.fields());
    }

    /** Replaces each tuple by the function's result, of {@code outputFields}. */
    public Stream map(MapFunction function, Fields outputFields) {
        return to(topology.graph().map(node, function, outputFields));
    }

    /** Replaces each tuple by the function's results, with the same fields. */
    public Stream flatMap(FlatMapFunction function) {
        return flatMap(function, node.fields());
    }

    /** Replaces each tuple by the function's results, of {@code outputFields}. */
    public Stream flatMap(FlatMapFunction function, Fields outputFields) {
        return to(topology.graph().flatMap(node, function, outputFields));
    }

    /** Calls the consumer for each tuple and passes the tuple on. */
    public Stream peek(Consumer consumer) {
        return to(topology.graph().peek(node, consumer));
    }

    /** Keeps only the given fields, in that order. */
    public Stream project(Fields fields) {
        return to(topology.graph().project(node, fields));
    }

    /** Sends tuples with equal values of {@code fields} to the same task of the next part. */
    public Stream partitionBy(Fields fields) {
        return to(topology.graph().partition(node, Partitioning.FIELDS, fields));
    }

    /** Spreads tuples round-robin over the tasks of the next part. */
    public Stream shuffle() {
        return to(topology.graph().partition(node, Partitioning.SHUFFLE, null));
    }

    /** Sends every tuple to every task of the next part. */
    public Stream broadcast() {
        return to(topology.graph().partition(node, Partitioning.BROADCAST, null));
    }

    /** Sends every tuple to one task of the next part, the same for every batch. */
    public Stream global() {
        return to(topology.graph().partition(node, Partitioning.GLOBAL, null));
    }

    /** Sends every tuple of a batch to one task of the next part, chosen per batch. */
    public Stream batchGlobal() {
        return to(topology.graph().partition(node, Partitioning.BATCH_GLOBAL, null));
    }

    /**
     * Spreads tuples round-robin over the tasks of the next part that run in this task's worker, or over all of them
     * if none does.
     */
    public Stream localOrShuffle() {
        return to(topology.graph().partition(node, Partitioning.LOCAL_OR_SHUFFLE, null));
    }

    /** Sends the tuples of task {@code i} to task {@code i} of the next part (modulo its number of tasks). */
    public Stream identityPartition() {
        return to(topology.graph().partition(node, Partitioning.IDENTITY, null));
    }

    /** Sends tuples to the tasks of the next part that {@code partitioner} chooses for their values. */
    public Stream partition(CustomStreamGrouping partitioner) {
        return to(topology.graph().partition(node, partitioner));
    }

    /**
     * Repartitions as a topology grouping says: shuffle, fields, all (broadcast), global, local-or-shuffle, none
     * (shuffle) or custom.
     *
     * @throws IllegalArgumentException for a direct grouping, which a Trident stream cannot use
     */
    public Stream partition(Grouping grouping) {
        return switch (grouping.getType()) {
            case SHUFFLE, NONE -> shuffle();
            case FIELDS -> partitionBy(new Fields(grouping.getFields()));
            case ALL -> broadcast();
            case GLOBAL -> global();
            case LOCAL_OR_SHUFFLE -> localOrShuffle();
            case CUSTOM -> partition(grouping.getCustom());
            case DIRECT -> throw new IllegalArgumentException("A Trident stream cannot be partitioned by a direct "
                    + "grouping: its operations do not choose tasks; use partition(CustomStreamGrouping)");
        };
    }

    /** The stream {@code assembly} makes of this one. */
    public Stream applyAssembly(Assembly assembly) {
        return assembly.apply(this);
    }

    /**
     * Requests {@code load} percent of a core (100: one core) for this operation, as for Storm's resource-aware
     * scheduler. The requests of the operations of a part are added up and recorded on the part's bolt under Storm's
     * {@code topology.component.cpu.pcore.percent}; Squall has no resource-aware scheduler, so that is all they do.
     */
    @Override
    public Stream setCPULoad(Number load) {
        topology.graph().resources(node).setCPULoad(load);
        return this;
    }

    /** Requests {@code onHeap} MB of on-heap memory for this operation; recorded like {@link #setCPULoad}. */
    @Override
    public Stream setMemoryLoad(Number onHeap) {
        topology.graph().resources(node).setMemoryLoad(onHeap);
        return this;
    }

    /** Requests on-heap and off-heap memory in MB for this operation; recorded like {@link #setCPULoad}. */
    @Override
    public Stream setMemoryLoad(Number onHeap, Number offHeap) {
        topology.graph().resources(node).setMemoryLoad(onHeap, offHeap);
        return this;
    }

    /** Requests shared memory for this operation's part; recorded like {@link #setCPULoad}. */
    @Override
    public Stream addSharedMemory(SharedMemory request) {
        topology.graph().resources(node).addSharedMemory(request);
        return this;
    }

    /** Groups the stream by {@code fields} for a following aggregation or state operation. */
    public GroupedStream groupBy(Fields fields) {
        return new GroupedStream(this, fields);
    }

    /** Aggregates each whole batch (in one task) with every field as input. */
    public Stream aggregate(Aggregator<?> aggregator, Fields functionFields) {
        return aggregate(node.fields(), aggregator, functionFields);
    }

    /** Aggregates each whole batch (in one task). */
    public Stream aggregate(Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return batchGlobal().partitionAggregate(inputFields, aggregator, functionFields);
    }

    /** Combines each whole batch into one value (each task combines its part first, then one task the parts). */
    public Stream aggregate(Fields inputFields, CombinerAggregator<?> aggregator, Fields functionFields) {
        return to(topology.graph().combine(node, new Fields(), inputFields, aggregator, functionFields,
                Partitioning.BATCH_GLOBAL));
    }

    /** Combines each whole batch (in one task) into one value, with every field as input. */
    public Stream aggregate(CombinerAggregator<?> aggregator, Fields functionFields) {
        return aggregate(node.fields(), aggregator, functionFields);
    }

    /** Reduces each whole batch (in one task) into one value. */
    public Stream aggregate(Fields inputFields, ReducerAggregator<?> aggregator, Fields functionFields) {
        return batchGlobal().partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Reduces each whole batch (in one task) into one value, with every field as input. */
    public Stream aggregate(ReducerAggregator<?> aggregator, Fields functionFields) {
        return aggregate(node.fields(), aggregator, functionFields);
    }

    /** Aggregates what each task has of a batch, with every field as input. */
    public Stream partitionAggregate(Aggregator<?> aggregator, Fields functionFields) {
        return partitionAggregate(node.fields(), aggregator, functionFields);
    }

    /** Combines what each task has of a batch, with every field as input. */
    public Stream partitionAggregate(CombinerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregate(node.fields(), aggregator, functionFields);
    }

    /** Reduces what each task has of a batch, with every field as input. */
    public Stream partitionAggregate(ReducerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregate(node.fields(), aggregator, functionFields);
    }

    /**
     * Several aggregations over the same tuples, declared on the returned declarer and ended by
     * {@code chainEnd()}: {@code chainedAgg().partitionAggregate(...).aggregate(...)} is not allowed (all per
     * partition, or all per batch).
     */
    public ChainedAggregatorDeclarer chainedAgg() {
        return new ChainedAggregatorDeclarer(this, BATCH_GLOBAL);
    }

    /**
     * The tuple with the least value of {@code inputFieldName} (a {@code Comparable}) in what each task has of a
     * batch; all of its fields. Call {@link #global()} or {@link #batchGlobal()} first for one per batch when this
     * part runs in several tasks.
     */
    public Stream minBy(String inputFieldName) {
        return comparison(inputFieldName, new Min(inputFieldName));
    }

    /** {@link #minBy(String)} with a comparator of the field's values. */
    public <T> Stream minBy(String inputFieldName, Comparator<T> comparator) {
        return comparison(inputFieldName, new MinWithComparator<>(inputFieldName, comparator));
    }

    /** The least tuple by {@code comparator} in what each task has of a batch (see {@link #minBy(String)}). */
    public Stream min(Comparator<TridentTuple> comparator) {
        return comparison(null, new MinWithComparator<>(comparator));
    }

    /** The tuple with the greatest value of {@code inputFieldName} (see {@link #minBy(String)}). */
    public Stream maxBy(String inputFieldName) {
        return comparison(inputFieldName, new Max(inputFieldName));
    }

    /** {@link #maxBy(String)} with a comparator of the field's values. */
    public <T> Stream maxBy(String inputFieldName, Comparator<T> comparator) {
        return comparison(inputFieldName, new MaxWithComparator<>(inputFieldName, comparator));
    }

    /** The greatest tuple by {@code comparator} in what each task has of a batch (see {@link #minBy(String)}). */
    public Stream max(Comparator<TridentTuple> comparator) {
        return comparison(null, new MaxWithComparator<>(comparator));
    }

    private Stream comparison(String inputFieldName, Aggregator<?> aggregator) {
        if (inputFieldName != null && !node.fields().contains(inputFieldName)) {
            throw new IllegalArgumentException("Field '" + inputFieldName + "' is not in the stream's fields "
                    + node.fields());
        }
        return partitionAggregate(node.fields(), aggregator, node.fields());
    }

    /** Aggregates what each task has of a batch, without moving tuples. */
    @Override
    public Stream partitionAggregate(Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Combines what each task has of a batch, without moving tuples. */
    public Stream partitionAggregate(Fields inputFields, CombinerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    /** Reduces what each task has of a batch, without moving tuples. */
    public Stream partitionAggregate(Fields inputFields, ReducerAggregator<?> aggregator, Fields functionFields) {
        return partitionAggregateAny(inputFields, aggregator, functionFields);
    }

    Stream partitionAggregateAny(Fields inputFields, Object aggregator, Fields functionFields) {
        return to(topology.graph().aggregate(node, null, inputFields, aggregator, functionFields));
    }

    /**
     * Combines every batch into one value kept in a map state (under the empty key), in one task; each task
     * combines its part of the batch first.
     */
    public TridentState persistentAggregate(StateFactory factory, Fields inputFields,
                                            CombinerAggregator<?> aggregator, Fields functionFields) {
        return state(topology.graph().persistentCombine(node, factory, new Fields(), inputFields, aggregator,
                functionFields, Partitioning.GLOBAL), factory);
    }

    /** Combines every batch, with every field as input, into one value kept in a map state. */
    public TridentState persistentAggregate(StateFactory factory, CombinerAggregator<?> aggregator,
                                            Fields functionFields) {
        return persistentAggregate(factory, node.fields(), aggregator, functionFields);
    }

    /** {@link #persistentAggregate(StateFactory, CombinerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, CombinerAggregator<?> aggregator, Fields functionFields) {
        return persistentAggregate(spec, node.fields(), aggregator, functionFields);
    }

    /** {@link #persistentAggregate(StateFactory, Fields, CombinerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, Fields inputFields, CombinerAggregator<?> aggregator,
                                            Fields functionFields) {
        return TridentState.applySpec(persistentAggregate(spec.stateFactory, inputFields, aggregator,
                functionFields), spec);
    }

    /** Reduces every batch, in one task, into one value kept in a map state (under the empty key). */
    public TridentState persistentAggregate(StateFactory factory, Fields inputFields,
                                            ReducerAggregator<?> aggregator, Fields functionFields) {
        Stream one = global();
        return state(topology.graph().persistentAggregate(one.node, factory, new Fields(), inputFields, aggregator,
                functionFields), factory);
    }

    /** Reduces every batch, with every field as input, into one value kept in a map state. */
    public TridentState persistentAggregate(StateFactory factory, ReducerAggregator<?> aggregator,
                                            Fields functionFields) {
        return persistentAggregate(factory, node.fields(), aggregator, functionFields);
    }

    /** {@link #persistentAggregate(StateFactory, Fields, ReducerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, Fields inputFields, ReducerAggregator<?> aggregator,
                                            Fields functionFields) {
        return TridentState.applySpec(persistentAggregate(spec.stateFactory, inputFields, aggregator,
                functionFields), spec);
    }

    /** {@link #persistentAggregate(StateFactory, ReducerAggregator, Fields)} into the spec's state. */
    public TridentState persistentAggregate(StateSpec spec, ReducerAggregator<?> aggregator, Fields functionFields) {
        return persistentAggregate(spec, node.fields(), aggregator, functionFields);
    }

    /** {@link #partitionPersist(StateFactory, Fields, StateUpdater, Fields)} into the spec's state. */
    public TridentState partitionPersist(StateSpec spec, Fields inputFields, StateUpdater<?> updater,
                                         Fields functionFields) {
        return TridentState.applySpec(partitionPersist(spec.stateFactory, inputFields, updater, functionFields),
                spec);
    }

    /** {@link #partitionPersist(StateFactory, Fields, StateUpdater)} into the spec's state. */
    public TridentState partitionPersist(StateSpec spec, Fields inputFields, StateUpdater<?> updater) {
        return partitionPersist(spec, inputFields, updater, new Fields());
    }

    /** Writes every field of each task's part of a batch into a state; the updater emits {@code functionFields}. */
    public TridentState partitionPersist(StateFactory factory, StateUpdater<?> updater, Fields functionFields) {
        return partitionPersist(factory, node.fields(), updater, functionFields);
    }

    /** Writes every field of each task's part of a batch into a state; the updater emits nothing. */
    public TridentState partitionPersist(StateFactory factory, StateUpdater<?> updater) {
        return partitionPersist(factory, node.fields(), updater, new Fields());
    }

    /** {@link #partitionPersist(StateFactory, StateUpdater, Fields)} into the spec's state. */
    public TridentState partitionPersist(StateSpec spec, StateUpdater<?> updater, Fields functionFields) {
        return partitionPersist(spec, node.fields(), updater, functionFields);
    }

    /** {@link #partitionPersist(StateFactory, StateUpdater)} into the spec's state. */
    public TridentState partitionPersist(StateSpec spec, StateUpdater<?> updater) {
        return partitionPersist(spec, node.fields(), updater, new Fields());
    }

    /** Writes each task's part of a batch into a state through {@code updater}, in the commit phase. */
    public TridentState partitionPersist(StateFactory factory, Fields inputFields, StateUpdater<?> updater,
                                         Fields functionFields) {
        return state(topology.graph().partitionPersist(node, factory, inputFields, updater, functionFields),
                factory);
    }

    /** Writes each task's part of a batch into a state through {@code updater}; the updater emits nothing. */
    public TridentState partitionPersist(StateFactory factory, Fields inputFields, StateUpdater<?> updater) {
        return partitionPersist(factory, inputFields, updater, new Fields());
    }

    /** Queries a state for each tuple's {@code inputFields}; appends the answer's fields. */
    public Stream stateQuery(TridentState state, Fields inputFields, QueryFunction<?, ?> function,
                             Fields functionFields) {
        return to(topology.graph().stateQuery(node, state.factory, inputFields, function, functionFields));
    }

    /** {@link #stateQuery(TridentState, Fields, QueryFunction, Fields)} with every field as input. */
    public Stream stateQuery(TridentState state, QueryFunction<?, ?> function, Fields functionFields) {
        return stateQuery(state, node.fields(), function, functionFields);
    }

    /** Aggregates tumbling windows of {@code windowCount} tuples of each partition. */
    public Stream tumblingWindow(int windowCount, WindowsStoreFactory store, Fields inputFields,
                                 Aggregator<?> aggregator, Fields functionFields) {
        return window(WindowConfig.tumbling(BaseWindowedBolt.Count.of(windowCount)), store, inputFields, aggregator,
                functionFields);
    }

    /** Aggregates the last {@code windowCount} tuples of each partition every {@code slideCount} tuples. */
    public Stream slidingWindow(int windowCount, int slideCount, WindowsStoreFactory store, Fields inputFields,
                                Aggregator<?> aggregator, Fields functionFields) {
        return window(WindowConfig.sliding(BaseWindowedBolt.Count.of(windowCount),
                BaseWindowedBolt.Count.of(slideCount)), store, inputFields, aggregator, functionFields);
    }

    /** Aggregates tumbling windows of {@code windowDuration} of each partition. */
    public Stream tumblingWindow(BaseWindowedBolt.Duration windowDuration, WindowsStoreFactory store,
                                 Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return window(WindowConfig.tumbling(windowDuration), store, inputFields, aggregator, functionFields);
    }

    /** Aggregates the last {@code windowDuration} of each partition every {@code slideDuration}. */
    public Stream slidingWindow(BaseWindowedBolt.Duration windowDuration, BaseWindowedBolt.Duration slideDuration,
                                WindowsStoreFactory store, Fields inputFields, Aggregator<?> aggregator,
                                Fields functionFields) {
        return window(WindowConfig.sliding(windowDuration, slideDuration), store, inputFields, aggregator,
                functionFields);
    }

    /**
     * Aggregates windows of {@code config} over each partition; the stream carries what each fired window
     * emits, when the batch that fired it commits.
     */
    public Stream window(WindowConfig config, WindowsStoreFactory store, Fields inputFields, Aggregator<?> aggregator,
                         Fields functionFields) {
        return to(topology.graph().window(node, null, config, store, inputFields, aggregator, functionFields));
    }

    /** Combines the tuples of each window of {@code config} into one value. */
    public Stream window(WindowConfig config, WindowsStoreFactory store, Fields inputFields,
                         CombinerAggregator<?> aggregator, Fields functionFields) {
        return to(topology.graph().window(node, null, config, store, inputFields, aggregator, functionFields));
    }

    /** Aggregates windows of Storm's {@code config} classes over each partition, keeping tuples in {@code store}. */
    public Stream window(io.squall.trident.windowing.config.WindowConfig config, WindowsStoreFactory store,
                         Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return window(WindowConfig.of(config), store, inputFields, aggregator, functionFields);
    }

    /** {@link #window(io.squall.trident.windowing.config.WindowConfig, WindowsStoreFactory, Fields, Aggregator,
     *  Fields)} keeping the tuples in memory. */
    public Stream window(io.squall.trident.windowing.config.WindowConfig config, Fields inputFields,
                         Aggregator<?> aggregator, Fields functionFields) {
        return window(WindowConfig.of(config), new InMemoryWindowsStoreFactory(), inputFields, aggregator,
                functionFields);
    }

    /** Aggregates windows of {@code config} over each partition, keeping the tuples in memory. */
    public Stream window(WindowConfig config, Fields inputFields, Aggregator<?> aggregator, Fields functionFields) {
        return window(config, new InMemoryWindowsStoreFactory(), inputFields, aggregator, functionFields);
    }

    /**
     * The late tuples of this window stream (one configured {@link WindowConfig#withLateTupleStream}), with the
     * window's input fields.
     *
     * @throws IllegalArgumentException if this stream is not such a window
     */
    public Stream lateTupleStream() {
        return to(topology.graph().lateTuples(node));
    }

    /** This stream (for code written against Storm's {@code IAggregatableStream}). */
    @Override
    public Stream toStream() {
        return this;
    }
}
