package io.squall.trident.planner;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.StormTopology;
import io.squall.trident.drpc.ReturnResultsReducer;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.DefaultResourceDeclarer;
import io.squall.trident.operation.Filter;
import io.squall.trident.operation.FlatMapFunction;
import io.squall.trident.operation.Function;
import io.squall.trident.operation.MapFunction;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A {@link Graph} as the public packages build it, through {@link TridentPlan}. Built on one thread. */
public final class GraphPlan implements TridentPlan {
    private final Graph graph = new Graph();

    /** The service that {@link TridentPlan#create()} finds. */
    public static final class Factory implements TridentPlan.Factory {
        @Override
        public TridentPlan newPlan() {
            return new GraphPlan();
        }
    }

    private static Graph.Node node(PlanNode n) {
        if (n instanceof Graph.Node g) {
            return g;
        }
        throw new IllegalArgumentException("Not an operation of a Trident plan: " + n);
    }

    private static List<Graph.Node> nodes(List<PlanNode> ns) {
        List<Graph.Node> out = new ArrayList<>(ns.size());
        ns.forEach(n -> out.add(node(n)));
        return out;
    }

    @Override
    public PlanNode spout(String txId, Object spout) {
        return graph.spout(txId, spout);
    }

    @Override
    public void eventTime(PlanNode spout, String field, long maxOutOfOrderMs, long idleTimeoutMs) {
        graph.eventTime(node(spout), field, maxOutOfOrderMs, idleTimeoutMs);
    }

    @Override
    public PlanNode each(PlanNode parent, Fields inputFields, Function function, Fields functionFields) {
        return graph.each(node(parent), inputFields, function, functionFields);
    }

    @Override
    public PlanNode filter(PlanNode parent, Fields inputFields, Filter filter) {
        return graph.filter(node(parent), inputFields, filter);
    }

    @Override
    public PlanNode map(PlanNode parent, MapFunction function, Fields outputFields) {
        return graph.map(node(parent), function, outputFields);
    }

    @Override
    public PlanNode flatMap(PlanNode parent, FlatMapFunction function, Fields outputFields) {
        return graph.flatMap(node(parent), function, outputFields);
    }

    @Override
    public PlanNode peek(PlanNode parent, Consumer consumer) {
        return graph.peek(node(parent), consumer);
    }

    @Override
    public PlanNode project(PlanNode parent, Fields fields) {
        return graph.project(node(parent), fields);
    }

    @Override
    public List<PlanNode> leavesFrom(PlanNode start) {
        return List.copyOf(graph.leavesFrom(node(start)));
    }

    @Override
    public PlanNode partition(PlanNode from, Partitioning partitioning, Fields partitionFields) {
        return graph.partition(node(from), partitioning, partitionFields);
    }

    @Override
    public PlanNode partition(PlanNode from, CustomStreamGrouping grouping) {
        return graph.partition(node(from), grouping);
    }

    @Override
    public PlanNode aggregate(PlanNode parent, Fields groupFields, Fields inputFields, Object aggregator,
                              Fields functionFields) {
        return graph.aggregate(node(parent), groupFields, inputFields, aggregator, functionFields);
    }

    @Override
    public PlanNode persistentAggregate(PlanNode parent, StateFactory factory, Fields groupFields, Fields inputFields,
                                        Object aggregator, Fields functionFields) {
        return graph.persistentAggregate(node(parent), factory, groupFields, inputFields, aggregator, functionFields);
    }

    @Override
    public PlanNode combine(PlanNode parent, Fields groupFields, Fields inputFields, CombinerAggregator<?> aggregator,
                            Fields functionFields, Partitioning partitioning) {
        return graph.combine(node(parent), groupFields, inputFields, aggregator, functionFields, partitioning);
    }

    @Override
    public PlanNode persistentCombine(PlanNode parent, StateFactory factory, Fields groupFields, Fields inputFields,
                                      CombinerAggregator<?> aggregator, Fields functionFields,
                                      Partitioning partitioning) {
        return graph.persistentCombine(node(parent), factory, groupFields, inputFields, aggregator, functionFields,
                partitioning);
    }

    @Override
    public PlanNode partitionPersist(PlanNode parent, StateFactory factory, Fields inputFields,
                                     StateUpdater<?> updater, Fields functionFields) {
        return graph.partitionPersist(node(parent), factory, inputFields, updater, functionFields);
    }

    @Override
    public PlanNode stateQuery(PlanNode parent, StateFactory factory, Fields inputFields,
                               QueryFunction<?, ?> function, Fields functionFields) {
        return graph.stateQuery(node(parent), factory, inputFields, function, functionFields);
    }

    @Override
    public PlanNode merge(List<PlanNode> streams, Fields fields) {
        return graph.merge(nodes(streams), fields);
    }

    @Override
    public PlanNode join(List<PlanNode> streams, List<Fields> joinFields, Fields outFields, List<Boolean> outer,
                         boolean compact) {
        return graph.join(nodes(streams), joinFields, outFields, outer, compact);
    }

    @Override
    public PlanNode multiReduce(List<PlanNode> streams, List<Fields> inputFields, List<Fields> groupFields,
                                Object reducer, Fields outputFields) {
        return graph.multiReduce(nodes(streams), inputFields, groupFields, reducer, outputFields);
    }

    @Override
    public PlanNode returnDrpcResults(PlanNode returnInfo, List<PlanNode> results) {
        List<PlanNode> streams = new ArrayList<>();
        streams.add(returnInfo);
        streams.addAll(results);
        List<Fields> inputs = streams.stream().map(PlanNode::fields).toList();
        return graph.multiReduce(nodes(streams), inputs, null, new ReturnResultsReducer(), new Fields());
    }

    @Override
    public PlanNode window(PlanNode parent, Fields groupFields, WindowConfig config, WindowsStoreFactory store,
                           Fields inputFields, Object aggregator, Fields functionFields) {
        return graph.window(node(parent), groupFields, config, store, inputFields, aggregator, functionFields);
    }

    @Override
    public PlanNode lateTuples(PlanNode window) {
        return graph.lateTuples(node(window));
    }

    @Override
    public void parallelism(PlanNode node, int parallelism) {
        graph.parallelism(node(node), parallelism);
    }

    @Override
    public DefaultResourceDeclarer<?> resources(PlanNode node) {
        return node(node).resources;
    }

    @Override
    public void resourceDefaults(Map<String, Number> defaults) {
        graph.resourceDefaults(defaults);
    }

    @Override
    public void masterCoordResources(Map<String, Number> resources) {
        graph.masterCoordResources(resources);
    }

    @Override
    public void name(PlanNode node, String name) {
        graph.name(node(node), name);
    }

    @Override
    public List<String> warnings() {
        return graph.warnings();
    }

    @Override
    public StormTopology build() {
        return graph.build();
    }
}
