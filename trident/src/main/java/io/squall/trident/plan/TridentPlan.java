package io.squall.trident.plan;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.StormTopology;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.DefaultResourceDeclarer;
import io.squall.trident.operation.Filter;
import io.squall.trident.operation.FlatMapFunction;
import io.squall.trident.operation.Function;
import io.squall.trident.operation.MapFunction;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The plan a {@code TridentTopology} builds: its operations as {@link PlanNode}s, and their compilation into an
 * ordinary topology. This is the one way from Trident's public packages into its planner, which registers a
 * {@link Factory} in {@code META-INF/services}. Each method checks its arguments and throws
 * {@link IllegalArgumentException} naming what is wrong. Built on one thread.
 */
public interface TridentPlan {
    /** A new stream from a spout ({@code IBatchSpout}, {@code ITridentSpout} or a partitioned spout). */
    PlanNode spout(String txId, Object spout);

    /**
     * Declares event time at the spout whose stream starts at {@code spout}: the field with each tuple's epoch
     * milliseconds, how far out of order they come, and after how long without an emit a spout task stops holding
     * the watermark back (0: never).
     */
    void eventTime(PlanNode spout, String field, long maxOutOfOrderMs, long idleTimeoutMs);

    /** Appends {@code function}'s fields to each tuple it emits for an input. */
    PlanNode each(PlanNode parent, Fields inputFields, Function function, Fields functionFields);

    /** Keeps the tuples {@code filter} accepts. */
    PlanNode filter(PlanNode parent, Fields inputFields, Filter filter);

    /** Replaces each tuple with {@code function}'s result. */
    PlanNode map(PlanNode parent, MapFunction function, Fields outputFields);

    /** Replaces each tuple with {@code function}'s results. */
    PlanNode flatMap(PlanNode parent, FlatMapFunction function, Fields outputFields);

    /** Shows each tuple to {@code consumer} and passes it on. */
    PlanNode peek(PlanNode parent, Consumer consumer);

    /** Keeps only {@code fields}. */
    PlanNode project(PlanNode parent, Fields fields);

    /** The operations with no successor reachable from {@code start}. */
    List<PlanNode> leavesFrom(PlanNode start);

    /** Sends the stream on to the next part's tasks as {@code partitioning} says. */
    PlanNode partition(PlanNode from, Partitioning partitioning, Fields partitionFields);

    /** Sends the stream on to the next part's tasks as a user's grouping says. */
    PlanNode partition(PlanNode from, CustomStreamGrouping grouping);

    /** Aggregates each batch (per group if {@code groupFields} is set) in each partition. */
    PlanNode aggregate(PlanNode parent, Fields groupFields, Fields inputFields, Object aggregator,
                       Fields functionFields);

    /** Aggregates each batch per group into {@code factory}'s state. */
    PlanNode persistentAggregate(PlanNode parent, StateFactory factory, Fields groupFields, Fields inputFields,
                                 Object aggregator, Fields functionFields);

    /** Combines each batch (partial aggregates, then {@code partitioning}, then the totals). */
    PlanNode combine(PlanNode parent, Fields groupFields, Fields inputFields, CombinerAggregator<?> aggregator,
                     Fields functionFields, Partitioning partitioning);

    /** Combines each batch into {@code factory}'s state. */
    PlanNode persistentCombine(PlanNode parent, StateFactory factory, Fields groupFields, Fields inputFields,
                               CombinerAggregator<?> aggregator, Fields functionFields, Partitioning partitioning);

    /** Updates {@code factory}'s state with each partition's batch. */
    PlanNode partitionPersist(PlanNode parent, StateFactory factory, Fields inputFields, StateUpdater<?> updater,
                              Fields functionFields);

    /** Queries {@code factory}'s state for each tuple. */
    PlanNode stateQuery(PlanNode parent, StateFactory factory, Fields inputFields, QueryFunction<?, ?> function,
                        Fields functionFields);

    /** One stream of the tuples of {@code streams}, under {@code fields}. */
    PlanNode merge(List<PlanNode> streams, Fields fields);

    /** Joins {@code streams} on their join fields, batch by batch. */
    PlanNode join(List<PlanNode> streams, List<Fields> joinFields, Fields outFields, List<Boolean> outer,
                  boolean compact);

    /** Runs a multi-reducer over {@code streams}, grouped if {@code groupFields} is set. */
    PlanNode multiReduce(List<PlanNode> streams, List<Fields> inputFields, List<Fields> groupFields, Object reducer,
                         Fields outputFields);

    /**
     * Ends a DRPC stream: each batch's tuples of {@code results} are the result of the request whose return
     * information is in that batch's tuple of {@code returnInfo} (one field, {@code return-info}), and go back to the
     * DRPC server it came from.
     */
    PlanNode returnDrpcResults(PlanNode returnInfo, List<PlanNode> results);

    /**
     * Aggregates windows of the stream: of each partition, or of each group of {@code groupFields} when not null
     * (the stream is partitioned by them already); a group's results start with its group values.
     */
    PlanNode window(PlanNode parent, Fields groupFields, WindowConfig config, WindowsStoreFactory store,
                    Fields inputFields, Object aggregator, Fields functionFields);

    /** The late tuples of a window operation, as a stream. */
    PlanNode lateTuples(PlanNode window);

    /** Sets the parallelism of the part of the stream {@code node} is in. */
    void parallelism(PlanNode node, int parallelism);

    /**
     * The resource requests of the operation {@code node} (Storm's {@code ResourceDeclarer} on a stream or state),
     * recorded on its part's bolt when the plan is built; no scheduling effect in Squall.
     */
    DefaultResourceDeclarer<?> resources(PlanNode node);

    /** The resource requests of every part whose operations request none, and of the coordinator spout. */
    void resourceDefaults(Map<String, Number> defaults);

    /** The coordinator spout's resource requests, over the defaults. */
    void masterCoordResources(Map<String, Number> resources);

    /** Names the part of the stream {@code node} is in. */
    void name(PlanNode node, String name);

    /** What the last {@link #build} found weaker than the states promise. */
    List<String> warnings();

    /**
     * Compiles the plan: the coordinator spout and one bolt per part.
     *
     * @throws io.squall.topology.InvalidTopologyException naming the problem if the plan cannot run
     */
    StormTopology build();

    /** Makes plans; the service Trident's planner registers. */
    interface Factory {
        /** An empty plan. */
        TridentPlan newPlan();
    }

    /** An empty plan from the planner on the class path. */
    static TridentPlan create() {
        return ServiceLoader.load(Factory.class, Factory.class.getClassLoader()).findFirst().orElseThrow(() ->
                new IllegalStateException("No Trident planner on the class path: add squall-trident")).newPlan();
    }
}
