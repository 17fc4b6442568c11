package io.squall.trident;

import io.squall.ILocalDRPC;
import io.squall.drpc.DRPCSpout;
import io.squall.topology.IRichSpout;
import io.squall.topology.StormTopology;
import io.squall.trident.fluent.GroupedStream;
import io.squall.trident.operation.DefaultResourceDeclarer;
import io.squall.trident.operation.GroupedMultiReducer;
import io.squall.trident.operation.MultiReducer;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.plan.TridentPlan;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ITridentDataSource;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.spout.RichSpoutBatchSpout;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateSpec;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A topology of micro-batch streams with exactly-once state updates, in Storm's shape. Create streams with
 * {@link #newStream}, transform them, persist them into states, then {@link #build} an ordinary
 * {@link StormTopology} to submit to {@code LocalCluster} or a cluster. Built on one thread.
 *
 * <pre>{@code
 * TridentTopology topology = new TridentTopology();
 * TridentState counts = topology.newStream("sentences", spout)
 *         .each(new Fields("sentence"), new Split(), new Fields("word"))
 *         .groupBy(new Fields("word"))
 *         .persistentAggregate(new MemoryMapState.Factory(), new Count(), new Fields("count"));
 * cluster.submitTopology("word-count", conf, topology.build());
 * }</pre>
 */
public class TridentTopology {
    private final TridentPlan graph = TridentPlan.create();
    private final List<Stream> drpcStreams = new ArrayList<>();
    private boolean drpcCompleted;

    /**
     * A stream of batches from a non-transactional spout.
     *
     * @param txId the stream's transactional id: its coordinator state (committed txid) is kept under it, so keep
     *             it stable across restarts and unique per topology
     */
    public Stream newStream(String txId, IBatchSpout spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from a transactional spout: a txid always replays the same batch. */
    public Stream newStream(String txId, IPartitionedTridentSpout<?, ?, ?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from an opaque transactional spout. */
    public Stream newStream(String txId, IOpaquePartitionedTridentSpout<?, ?, ?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /** A stream of batches from a spout with its own batch coordinator. */
    public Stream newStream(String txId, ITridentSpout<?> spout) {
        return new Stream(this, graph.spout(txId, spout));
    }

    /**
     * A stream of batches from any Trident data source ({@link IBatchSpout}, {@link ITridentSpout},
     * {@link IPartitionedTridentSpout} or {@link IOpaquePartitionedTridentSpout}).
     */
    public Stream newStream(String txId, ITridentDataSource dataSource) {
        return new Stream(this, graph.spout(txId, dataSource));
    }

    /** A stream of batches from an ordinary spout, taking up to {@code topology.spout.max.batch.size} tuples a
     *  batch; see {@link RichSpoutBatchSpout}. */
    public Stream newStream(String txId, IRichSpout spout) {
        return new Stream(this, graph.spout(txId, new RichSpoutBatchSpout(spout)));
    }

    /**
     * A stream of the requests of DRPC function {@code function} on the cluster's DRPC servers
     * ({@code drpc.servers}): see {@link #newDRPCStream(String, ILocalDRPC)}.
     */
    public Stream newDRPCStream(String function) {
        return newDRPCStream(new DRPCSpout(function));
    }

    /**
     * A stream of the requests of DRPC function {@code function} on a local DRPC server: each batch is one request,
     * one tuple {@code [args]}. What reaches the ends of the stream (the operations nothing follows) in that batch is
     * the request's result, as a JSON array of the tuples' values ({@code [["cat", 3], ["dog", 1]]}). A failed
     * batch fails its request ({@code DRPCExecutionException} for the client).
     */
    public Stream newDRPCStream(String function, ILocalDRPC server) {
        return newDRPCStream(new DRPCSpout(function, server));
    }

    private Stream newDRPCStream(DRPCSpout spout) {
        String txId = "drpc-" + spout.getFunction() + "-" + drpcStreams.size();
        Stream s = new Stream(this, graph.spout(txId, new RichSpoutBatchSpout(spout, 1)));
        drpcStreams.add(s);
        return s.project(new Fields("args"));
    }

    /** Ends each DRPC stream with the reducer that returns its results; once, before the first build. */
    private void completeDRPC() {
        if (drpcCompleted) {
            return;
        }
        drpcCompleted = true;
        for (Stream s : drpcStreams) {
            List<PlanNode> results = graph.leavesFrom(s.node);
            graph.returnDrpcResults(s.project(new Fields("return-info")).node, results);
        }
    }

    /**
     * A state that no stream updates, made by {@code factory} in each task that queries it: for looking up data
     * kept elsewhere ({@link io.squall.trident.state.ReadOnlyState}).
     */
    public TridentState newStaticState(StateFactory factory) {
        if (factory == null) {
            throw new IllegalArgumentException("newStaticState needs a StateFactory, got null");
        }
        return new TridentState(this, null, factory);
    }

    /** {@link #newStaticState(StateFactory)} of the spec's factory. */
    public TridentState newStaticState(StateSpec spec) {
        return newStaticState(spec.stateFactory);
    }

    /** The union of the streams, batch by batch, under the first stream's field names. */
    public Stream merge(Stream... streams) {
        return merge(Arrays.asList(streams));
    }

    /** The union of the streams, batch by batch, under the first stream's field names. */
    public Stream merge(List<Stream> streams) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("merge needs at least two streams, got none");
        }
        return merge(streams.get(0).getOutputFields(), streams);
    }

    /** The union of the streams, batch by batch, under {@code outputFields} (values are taken by position). */
    public Stream merge(Fields outputFields, Stream... streams) {
        return merge(outputFields, Arrays.asList(streams));
    }

    /** The union of the streams, batch by batch, under {@code outputFields} (values are taken by position). */
    public Stream merge(Fields outputFields, List<Stream> streams) {
        List<PlanNode> nodes = new ArrayList<>();
        for (Stream s : streams) {
            nodes.add(s.node);
        }
        return new Stream(this, graph.merge(nodes, outputFields));
    }

    /**
     * The inner join of two streams within each batch: tuples of the same batch with equal join values pair up.
     * The output has the join fields, then the other fields of {@code s1}, then those of {@code s2}.
     */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields);
    }

    /** The join of two streams, both {@code type} (outer: a stream without a match stands in with nulls). */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields, JoinType type) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields, type);
    }

    /** The join of two streams with a join type per stream ({@code JoinType.mixed(INNER, OUTER)}: left outer). */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields,
                       List<JoinType> mixed) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields, mixed);
    }

    /** The inner join of two streams, emitting the fields {@code mode} says. */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields,
                       JoinOutFieldsMode mode) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields, mode);
    }

    /** The join of two streams, both {@code type}, emitting the fields {@code mode} says. */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields, JoinType type,
                       JoinOutFieldsMode mode) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields, type, mode);
    }

    /** The join of two streams with a join type per stream, emitting the fields {@code mode} says. */
    public Stream join(Stream s1, Fields joinFields1, Stream s2, Fields joinFields2, Fields outFields,
                       List<JoinType> mixed, JoinOutFieldsMode mode) {
        return join(List.of(s1, s2), List.of(joinFields1, joinFields2), outFields, mixed, mode);
    }

    /**
     * The inner join of streams within each batch on their join fields (the same number for each): the join
     * fields once, then each stream's other fields.
     */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields) {
        return join(streams, joinFields, outFields, JoinType.INNER);
    }

    /** The join of streams, every one {@code type}. */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields, JoinType type) {
        return join(streams, joinFields, outFields, type, JoinOutFieldsMode.COMPACT);
    }

    /** The join of streams with a join type per stream. */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields, List<JoinType> mixed) {
        return join(streams, joinFields, outFields, mixed, JoinOutFieldsMode.COMPACT);
    }

    /** The inner join of streams, emitting the fields {@code mode} says. */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields, JoinOutFieldsMode mode) {
        return join(streams, joinFields, outFields, JoinType.INNER, mode);
    }

    /** The join of streams, every one {@code type}, emitting the fields {@code mode} says. */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields, JoinType type,
                       JoinOutFieldsMode mode) {
        return join(streams, joinFields, outFields, Collections.nCopies(streams.size(), type), mode);
    }

    /**
     * The join of streams within each batch: for each join value, every combination of one tuple per stream with
     * that value; a stream of type {@link JoinType#OUTER} without one takes part as nulls, a stream of type
     * {@link JoinType#INNER} without one drops the value. {@link JoinOutFieldsMode#COMPACT} emits the join fields
     * once then each stream's other fields; {@link JoinOutFieldsMode#PRESERVE} each stream's whole tuple.
     *
     * @throws IllegalArgumentException if the lists differ in size, a field is missing, or {@code outFields}
     *                                  names a different number of values than the join emits
     */
    public Stream join(List<Stream> streams, List<Fields> joinFields, Fields outFields, List<JoinType> mixed,
                       JoinOutFieldsMode mode) {
        List<PlanNode> nodes = new ArrayList<>();
        for (Stream s : streams) {
            nodes.add(s.node);
        }
        List<Boolean> outer = new ArrayList<>();
        for (JoinType t : mixed) {
            outer.add(t == JoinType.OUTER);
        }
        return new Stream(this, graph.join(nodes, joinFields, outFields, outer, mode == JoinOutFieldsMode.COMPACT));
    }

    /** Reduces two streams together per batch, with every field of each as input. */
    public Stream multiReduce(Stream s1, Stream s2, MultiReducer<?> function, Fields outputFields) {
        return multiReduce(List.of(s1, s2), function, outputFields);
    }

    /** Reduces two streams together per batch. */
    public Stream multiReduce(Fields inputFields1, Stream s1, Fields inputFields2, Stream s2,
                              MultiReducer<?> function, Fields outputFields) {
        return multiReduce(List.of(inputFields1, inputFields2), List.of(s1, s2), function, outputFields);
    }

    /** Reduces two grouped streams together per group of each batch, with every field of each as input. */
    public Stream multiReduce(GroupedStream s1, GroupedStream s2, GroupedMultiReducer<?> function,
                              Fields outputFields) {
        return multiReduce(List.of(s1, s2), function, outputFields);
    }

    /** Reduces two grouped streams together per group of each batch. */
    public Stream multiReduce(Fields inputFields1, GroupedStream s1, Fields inputFields2, GroupedStream s2,
                              GroupedMultiReducer<?> function, Fields outputFields) {
        return multiReduce(List.of(inputFields1, inputFields2), List.of(s1, s2), function, outputFields);
    }

    /** Reduces streams together per batch, with every field of each as input. */
    public Stream multiReduce(List<Stream> streams, MultiReducer<?> function, Fields outputFields) {
        List<Fields> inputs = new ArrayList<>();
        for (Stream s : streams) {
            inputs.add(s.getOutputFields());
        }
        return multiReduce(inputs, streams, function, outputFields);
    }

    /**
     * Reduces streams together per batch, in one task: every tuple of every stream of a batch goes through one
     * {@link MultiReducer} state with its stream's index.
     */
    public Stream multiReduce(List<Fields> inputFields, List<Stream> streams, MultiReducer<?> function,
                              Fields outputFields) {
        List<PlanNode> nodes = new ArrayList<>();
        for (Stream s : streams) {
            nodes.add(s.node);
        }
        return new Stream(this, graph.multiReduce(nodes, inputFields, null, function, outputFields));
    }

    /** Reduces grouped streams together per group, with every field of each as input. */
    public Stream multiReduce(List<GroupedStream> streams, GroupedMultiReducer<?> function, Fields outputFields) {
        List<Fields> inputs = new ArrayList<>();
        for (GroupedStream s : streams) {
            inputs.add(s.getOutputFields());
        }
        return multiReduce(inputs, streams, function, outputFields);
    }

    /**
     * Reduces grouped streams together per group of each batch: the streams' tuples with equal group values meet
     * in one task and one {@link GroupedMultiReducer} state; the output is the group (named as the first stream's
     * group fields) then the reducer's fields.
     */
    public Stream multiReduce(List<Fields> inputFields, List<GroupedStream> groupedStreams,
                              GroupedMultiReducer<?> function, Fields outputFields) {
        List<PlanNode> nodes = new ArrayList<>();
        List<Fields> groups = new ArrayList<>();
        for (GroupedStream s : groupedStreams) {
            nodes.add(s.toStream().node);
            groups.add(s.getGroupFields());
        }
        return new Stream(this, graph.multiReduce(nodes, inputFields, groups, function, outputFields));
    }

    /**
     * Compiles the streams into a topology: a coordinator spout and one bolt per part of a stream between
     * repartitionings. Logs a warning (see {@link #getGuaranteeWarnings}) for every state fed by a spout that
     * cannot give it exactly-once.
     *
     * @throws io.squall.topology.InvalidTopologyException naming what cannot run
     */
    public StormTopology build() {
        completeDRPC();
        return graph.build();
    }

    /**
     * The resource requests of every part of the topology whose operations request none themselves (and of the
     * coordinator spout), as Storm's resource-aware scheduler takes them: recorded on the bolts under Storm's keys.
     * Squall has no resource-aware scheduler, so they have no other effect.
     */
    public TridentTopology setResourceDefaults(DefaultResourceDeclarer<?> defaults) {
        graph.resourceDefaults(defaults.getResources());
        return this;
    }

    /** The resource requests of the coordinator spout, over the defaults; recorded like the defaults. */
    public TridentTopology setMasterCoordResources(DefaultResourceDeclarer<?> resources) {
        graph.masterCoordResources(resources.getResources());
        return this;
    }

    /** The spout and state guarantee mismatches the last {@link #build} found, each saying what you get. */
    public List<String> getGuaranteeWarnings() {
        return graph.warnings();
    }

    TridentPlan graph() {
        return graph;
    }
}
