package io.squall.trident.planner;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.DefaultResourceDeclarer;
import io.squall.trident.operation.Filter;
import io.squall.trident.operation.FlatMapFunction;
import io.squall.trident.operation.Function;
import io.squall.trident.operation.MapFunction;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.plan.PlanNode;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph of a Trident topology's operations, grouped into the parts that run together in one bolt (a new part
 * starts at each repartitioning, merge and join), and its compilation into an ordinary topology. Built on one
 * thread.
 */
public final class Graph {
    /** The component id of the batch coordinator spout. */
    public static final String COORDINATOR_ID = "$mbc";

    /** One operation; what a {@code Stream} points at. */
    public static final class Node implements PlanNode {
        final Fields fields;
        final Group group;
        final ProcSpec spec;
        final List<Node> parents;
        /** Whether this node takes its parent's late tuples rather than its output. */
        boolean latePort;
        /** What the user requested for this operation (Storm's ResourceDeclarer on a Stream or TridentState). */
        final DefaultResourceDeclarer<?> resources = new DefaultResourceDeclarer<>();

        private Node(Fields fields, Group group, ProcSpec spec, List<Node> parents) {
            this.fields = fields;
            this.group = group;
            this.spec = spec;
            this.parents = parents;
            group.nodes.add(this);
        }

        /** The fields of the tuples this operation emits. */
        @Override
        public Fields fields() {
            return fields;
        }
    }

    static final class Group {
        final int index;
        int parallelism = 1;
        String name;
        Object spout;
        String txId;
        /** The spout's event time ({@code Stream.withEventTime}): its field, or null without event time. */
        String eventTimeField;
        long maxOutOfOrderMs;
        long idleTimeoutMs;
        final List<Edge> inputs = new ArrayList<>();
        final List<Node> nodes = new ArrayList<>();

        Group(int index) {
            this.index = index;
        }
    }

    record Edge(int id, Node from, Node entry, int inputIndex, Partitioning partitioning, Fields partitionFields,
                CustomStreamGrouping custom) {
        Edge(int id, Node from, Node entry, int inputIndex, Partitioning partitioning, Fields partitionFields) {
            this(id, from, entry, inputIndex, partitioning, partitionFields, null);
        }
    }

    private final List<Group> groups = new ArrayList<>();
    private final Set<String> txIds = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private Map<String, Number> resourceDefaults = Map.of();
    private Map<String, Number> masterCoordResources = Map.of();
    private int edges;
    private int windows;

    /** A new stream from a spout, under transactional id {@code txId}. */
    public Node spout(String txId, Object spout) {
        if (txId == null || txId.isBlank()) {
            throw new IllegalArgumentException("newStream needs a non-empty transactional id, got '" + txId + "'");
        }
        if (!txIds.add(txId)) {
            throw new IllegalArgumentException("Transactional id '" + txId + "' is already used by another stream");
        }
        Fields fields;
        if (spout instanceof IBatchSpout s) {
            fields = s.getOutputFields();
        } else if (spout instanceof ITridentSpout<?> s) {
            fields = s.getOutputFields();
        } else if (spout instanceof IPartitionedTridentSpout<?, ?, ?> s) {
            fields = s.getOutputFields();
        } else if (spout instanceof IOpaquePartitionedTridentSpout<?, ?, ?> s) {
            fields = s.getOutputFields();
        } else {
            throw new IllegalArgumentException("Stream '" + txId + "': a Trident spout must be an IBatchSpout, an "
                    + "ITridentSpout, an IPartitionedTridentSpout or an IOpaquePartitionedTridentSpout, got "
                    + (spout == null ? "null" : spout.getClass().getName()));
        }
        if (fields == null || fields.size() == 0) {
            throw new IllegalArgumentException("Spout of stream '" + txId + "' declares no output fields");
        }
        Group g = newGroup();
        g.spout = spout;
        g.txId = txId;
        return new Node(fields, g, new IdentityOp(fields), List.of());
    }

    /** {@code each(inputFields, function, functionFields)}. */
    public Node each(Node parent, Fields inputFields, Function function, Fields functionFields) {
        check(parent, inputFields, "each");
        Fields out = append(parent.fields, functionFields, "each");
        return add(parent, new EachOp(inputFields, function, out), out);
    }

    /** {@code filter(inputFields, filter)}. */
    public Node filter(Node parent, Fields inputFields, Filter filter) {
        check(parent, inputFields, "filter");
        return add(parent, new FilterOp(inputFields, filter, parent.fields), parent.fields);
    }

    /** {@code map(function, outputFields)}. */
    public Node map(Node parent, MapFunction function, Fields outputFields) {
        return add(parent, MapOp.map(function, outputFields), outputFields);
    }

    /** {@code flatMap(function, outputFields)}. */
    public Node flatMap(Node parent, FlatMapFunction function, Fields outputFields) {
        return add(parent, MapOp.flatMap(function, outputFields), outputFields);
    }

    /** {@code peek(consumer)}. */
    public Node peek(Node parent, Consumer consumer) {
        return add(parent, MapOp.peek(consumer, parent.fields), parent.fields);
    }

    /** {@code project(fields)}. */
    public Node project(Node parent, Fields fields) {
        check(parent, fields, "project");
        return add(parent, MapOp.project(fields), fields);
    }

    /** The nodes downstream of {@code start} (or itself) that nothing follows, in creation order. */
    public List<Node> leavesFrom(Node start) {
        Set<Node> reach = new java.util.LinkedHashSet<>();
        reach.add(start);
        Set<Node> hasChildren = new HashSet<>();
        boolean grew = true;
        List<Node> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.nodes);
        }
        while (grew) {
            grew = false;
            for (Node n : all) {
                for (Node p : parentsOf(n)) {
                    if (reach.contains(p)) {
                        hasChildren.add(p);
                        grew |= reach.add(n);
                    }
                }
            }
        }
        List<Node> leaves = new ArrayList<>();
        for (Node n : all) {
            if (reach.contains(n) && !hasChildren.contains(n)) {
                leaves.add(n);
            }
        }
        return leaves;
    }

    /** A node's inputs: its parents in its part, or the nodes that feed its part's edges into it. */
    private List<Node> parentsOf(Node n) {
        List<Node> ret = new ArrayList<>(n.parents);
        for (Edge e : n.group.inputs) {
            if (e.entry() == n) {
                ret.add(e.from());
            }
        }
        return ret;
    }

    /** A repartitioning: the stream continues in a new part. */
    public Node partition(Node from, Partitioning partitioning, Fields partitionFields) {
        if (partitioning == Partitioning.FIELDS) {
            check(from, partitionFields, "partitionBy");
        }
        if (partitioning == Partitioning.CUSTOM) {
            throw new IllegalArgumentException("A custom partitioning needs its grouping: use partition(Node, "
                    + "CustomStreamGrouping)");
        }
        Group g = newGroup();
        Node entry = new Node(from.fields, g, new IdentityOp(from.fields), List.of());
        g.inputs.add(new Edge(edges++, from, entry, 0, partitioning, partitionFields));
        return entry;
    }

    /** A repartitioning by a user's grouping, called with each tuple's values. */
    public Node partition(Node from, CustomStreamGrouping grouping) {
        if (grouping == null) {
            throw new IllegalArgumentException("partition: the CustomStreamGrouping is null");
        }
        Group g = newGroup();
        Node entry = new Node(from.fields, g, new IdentityOp(from.fields), List.of());
        g.inputs.add(new Edge(edges++, from, entry, 0, Partitioning.CUSTOM, null, grouping));
        return entry;
    }

    /**
     * An aggregation in the current part: per batch, or per group of {@code groupFields} when not null.
     *
     * @param aggregator an {@code Aggregator}, {@code CombinerAggregator} or {@code ReducerAggregator}
     */
    public Node aggregate(Node parent, Fields groupFields, Fields inputFields, Object aggregator,
                          Fields functionFields) {
        check(parent, inputFields, "aggregate");
        Fields out = groupFields == null ? functionFields : append(groupFields, functionFields, "aggregate");
        if (!(aggregator instanceof io.squall.trident.operation.Aggregator<?>)) {
            checkSingle(functionFields, "aggregate");
        }
        return add(parent, new AggregateOp(groupFields, inputFields, aggregator, out), out);
    }

    /** A persistent aggregation into a map state, keyed by {@code groupFields} (empty for one global value). */
    public Node persistentAggregate(Node parent, StateFactory factory, Fields groupFields, Fields inputFields,
                                    Object aggregator, Fields functionFields) {
        check(parent, inputFields, "persistentAggregate");
        checkSingle(functionFields, "persistentAggregate");
        Fields out = append(groupFields, functionFields, "persistentAggregate");
        return add(parent, new PersistentAggregateOp(factory, groupFields, inputFields, aggregator, out), out);
    }

    /** The field that carries a combiner's partial result between two parts of a stream. */
    private static final String PARTIAL = "__partial";

    /**
     * A combiner aggregation by {@code groupFields} (none for a global one) that combines what each task has first,
     * then repartitions the partials ({@code FIELDS} by the group, or {@code partitioning} when ungrouped) and
     * combines them again.
     */
    public Node combine(Node parent, Fields groupFields, Fields inputFields, CombinerAggregator<?> aggregator,
                        Fields functionFields, Partitioning partitioning) {
        Node partial = partialCombine(parent, groupFields, inputFields, aggregator, functionFields);
        Node moved = partition(partial, groupFields.size() == 0 ? partitioning : Partitioning.FIELDS, groupFields);
        return aggregate(moved, groupFields.size() == 0 ? null : groupFields, new Fields(PARTIAL),
                new CombinedPartials(aggregator), functionFields);
    }

    /** {@link #persistentAggregate} of a combiner, combining what each task has before the tuples move. */
    public Node persistentCombine(Node parent, StateFactory factory, Fields groupFields, Fields inputFields,
                                  CombinerAggregator<?> aggregator, Fields functionFields, Partitioning partitioning) {
        Node partial = partialCombine(parent, groupFields, inputFields, aggregator, functionFields);
        Node moved = partition(partial, groupFields.size() == 0 ? partitioning : Partitioning.FIELDS, groupFields);
        return persistentAggregate(moved, factory, groupFields, new Fields(PARTIAL), new CombinedPartials(aggregator),
                functionFields);
    }

    private Node partialCombine(Node parent, Fields groupFields, Fields inputFields, CombinerAggregator<?> aggregator,
                                Fields functionFields) {
        check(parent, groupFields, "groupBy");
        checkSingle(functionFields, "aggregate");
        return aggregate(parent, groupFields.size() == 0 ? null : groupFields, inputFields, aggregator,
                new Fields(PARTIAL));
    }

    /** {@code partitionPersist(factory, inputFields, updater, functionFields)}. */
    public Node partitionPersist(Node parent, StateFactory factory, Fields inputFields, StateUpdater<?> updater,
                                 Fields functionFields) {
        check(parent, inputFields, "partitionPersist");
        return add(parent, new PartitionPersistOp(factory, inputFields, updater, functionFields), functionFields);
    }

    /** {@code stateQuery(state, inputFields, function, functionFields)}. */
    public Node stateQuery(Node parent, StateFactory factory, Fields inputFields, QueryFunction<?, ?> function,
                           Fields functionFields) {
        check(parent, inputFields, "stateQuery");
        Fields out = append(parent.fields, functionFields, "stateQuery");
        return add(parent, new StateQueryOp(factory, inputFields, function, out), out);
    }

    /** The union of streams per batch, in a new part, under {@code fields} (positionally). */
    public Node merge(List<Node> streams, Fields fields) {
        if (streams.size() < 2) {
            throw new IllegalArgumentException("merge needs at least two streams, got " + streams.size());
        }
        for (Node s : streams) {
            if (s.fields.size() != fields.size()) {
                throw new IllegalArgumentException("merge: a stream of fields " + s.fields + " has "
                        + s.fields.size() + " fields, the merged stream " + fields + " has " + fields.size());
            }
        }
        Group g = newGroup();
        Node entry = new Node(fields, g, new IdentityOp(fields), List.of());
        for (Node s : streams) {
            g.inputs.add(new Edge(edges++, s, entry, 0, Partitioning.SHUFFLE, null));
        }
        return entry;
    }

    /**
     * The join per batch of streams on equal values of their join fields; {@code outer} says per stream whether it
     * may be missing (nulls stand in), {@code compact} whether the output has the join fields once then each
     * stream's other fields, or each stream's whole tuple.
     */
    public Node join(List<Node> streams, List<Fields> joinFields, Fields outFields, List<Boolean> outer,
                     boolean compact) {
        if (streams.size() < 2) {
            throw new IllegalArgumentException("join needs at least two streams, got " + streams.size());
        }
        if (joinFields.size() != streams.size() || outer.size() != streams.size()) {
            throw new IllegalArgumentException("join: " + streams.size() + " streams need as many join field lists "
                    + "and join types, got " + joinFields.size() + " and " + outer.size());
        }
        List<Fields> rest = new ArrayList<>();
        List<Fields> all = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        if (compact) {
            expected.add(joinFields.get(0).toList().toString());
        }
        int size = compact ? joinFields.get(0).size() : 0;
        for (int i = 0; i < streams.size(); i++) {
            check(streams.get(i), joinFields.get(i), "join");
            if (joinFields.get(i).size() != joinFields.get(0).size()) {
                throw new IllegalArgumentException("join: the streams join on " + joinFields
                        + ", which differ in number");
            }
            rest.add(rest(streams.get(i).fields, joinFields.get(i)));
            all.add(streams.get(i).fields);
            Fields part = compact ? rest.get(i) : all.get(i);
            size += part.size();
            expected.add(part.toList().toString());
        }
        if (outFields.size() != size) {
            throw new IllegalArgumentException("join: output fields " + outFields + " must name " + size
                    + " values: " + String.join(", then ", expected));
        }
        Group g = newGroup();
        Node entry = new Node(outFields, g, new JoinOp(List.copyOf(joinFields), rest, all, List.copyOf(outer),
                compact, outFields), List.of());
        for (int i = 0; i < streams.size(); i++) {
            g.inputs.add(new Edge(edges++, streams.get(i), entry, i, Partitioning.FIELDS, joinFields.get(i)));
        }
        return entry;
    }

    /**
     * {@code multiReduce} of streams: ungrouped ({@code groupFields} null) every input goes to one task per batch;
     * grouped, each input is partitioned by its group fields and the output starts with the group, named as the
     * first stream's group fields.
     */
    public Node multiReduce(List<Node> streams, List<Fields> inputFields, List<Fields> groupFields, Object reducer,
                            Fields outputFields) {
        if (streams.isEmpty() || inputFields.size() != streams.size()
                || (groupFields != null && groupFields.size() != streams.size())) {
            throw new IllegalArgumentException("multiReduce needs one input field list per stream (and group field "
                    + "list, when grouped): got " + streams.size() + " streams and " + inputFields.size()
                    + " input field lists");
        }
        for (int i = 0; i < streams.size(); i++) {
            check(streams.get(i), inputFields.get(i), "multiReduce");
            if (groupFields != null) {
                check(streams.get(i), groupFields.get(i), "multiReduce group");
                if (groupFields.get(i).size() != groupFields.get(0).size()) {
                    throw new IllegalArgumentException("multiReduce: the streams are grouped by " + groupFields
                            + ", which differ in number");
                }
            }
        }
        Fields groupNames = groupFields == null ? null : groupFields.get(0);
        Fields out = groupNames == null ? outputFields : append(groupNames, outputFields, "multiReduce");
        Group g = newGroup();
        Node entry = new Node(out, g, new MultiReduceOp(List.copyOf(inputFields),
                groupFields == null ? null : List.copyOf(groupFields), groupNames, reducer, out), List.of());
        for (int i = 0; i < streams.size(); i++) {
            g.inputs.add(groupFields == null
                    ? new Edge(edges++, streams.get(i), entry, i, Partitioning.BATCH_GLOBAL, null)
                    : new Edge(edges++, streams.get(i), entry, i, Partitioning.FIELDS, groupFields.get(i)));
        }
        return entry;
    }

    /**
     * A window over each partition of the stream, or over each group of {@code groupFields} when not null (the
     * stream is partitioned by them already), aggregated each time it fires; a group's results start with its
     * group values.
     *
     * @param aggregator an {@code Aggregator}, {@code CombinerAggregator} or {@code ReducerAggregator}
     */
    public Node window(Node parent, Fields groupFields, WindowConfig config, WindowsStoreFactory store,
                       Fields inputFields, Object aggregator, Fields functionFields) {
        check(parent, inputFields, "window");
        if (config.getTimestampField() != null) {
            check(parent, new Fields(config.getTimestampField()), "window timestamp");
        } else if (config.isSession()) {
            throw new IllegalArgumentException("Session windows (" + config + ") need event time: add "
                    + "withTimestampField(field) naming the field with each tuple's epoch milliseconds");
        }
        if (store == null) {
            throw new IllegalArgumentException("A window needs a WindowsStoreFactory to keep its tuples");
        }
        if (!(aggregator instanceof io.squall.trident.operation.Aggregator<?>)) {
            checkSingle(functionFields, "window");
        }
        Fields out = functionFields;
        if (groupFields != null) {
            check(parent, groupFields, "groupBy");
            if (!config.isSession() && (config.getLengthMs() == 0 || config.getSlideMs() == 0)) {
                throw new IllegalArgumentException("Windows by count per group (" + config + " after groupBy) are "
                        + "not supported: use windows by duration or sessions per group, or a count window on the "
                        + "ungrouped stream");
            }
            out = append(groupFields, functionFields, "window");
        }
        String id = "window-" + windows++;
        return add(parent, new WindowOp(config, store, id, parent.fields, groupFields, inputFields, aggregator,
                out), out);
    }

    /** The late tuples of a window that routes them ({@link WindowConfig#withLateTupleStream}). */
    public Node lateTuples(Node window) {
        if (!(window.spec instanceof WindowOp w) || !w.config().routesLateTuples()) {
            throw new IllegalArgumentException("Only a window configured withLateTupleStream() has late tuples to "
                    + "stream; this stream is not one");
        }
        Node late = add(window, new IdentityOp(w.tupleFields()), w.tupleFields());
        late.latePort = true;
        return late;
    }

    /**
     * Declares event time at the spout of the stream {@code spoutNode} starts: each tuple's epoch milliseconds in
     * {@code field}, at most {@code maxOutOfOrderMs} out of order; a spout task that emitted nothing for
     * {@code idleTimeoutMs} (0: never) stops holding the watermark back.
     */
    public void eventTime(Node spoutNode, String field, long maxOutOfOrderMs, long idleTimeoutMs) {
        Group g = spoutNode.group;
        if (g.spout == null || !spoutNode.parents.isEmpty() || g.nodes.get(0) != spoutNode) {
            throw new IllegalArgumentException("withEventTime declares event time at a spout: call it on the stream "
                    + "newStream returns, before any operation");
        }
        if (field == null || !spoutNode.fields.contains(field)) {
            throw new IllegalArgumentException("withEventTime: field '" + field + "' is not in the spout's fields "
                    + spoutNode.fields + " of stream '" + g.txId + "'");
        }
        if (maxOutOfOrderMs < 0 || idleTimeoutMs < 0) {
            throw new IllegalArgumentException("Stream '" + g.txId + "': the out-of-orderness and the idle timeout "
                    + "must be >= 0, got " + maxOutOfOrderMs + " ms and " + idleTimeoutMs + " ms");
        }
        g.eventTimeField = field;
        g.maxOutOfOrderMs = maxOutOfOrderMs;
        g.idleTimeoutMs = idleTimeoutMs;
    }

    /** Sets the parallelism of the part of the stream {@code node} is in. */
    public void parallelism(Node node, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelismHint must be at least 1, got " + parallelism);
        }
        node.group.parallelism = parallelism;
    }

    /** Names the part of the stream {@code node} is in (it shows in the bolt's component id). */
    public void name(Node node, String name) {
        if (name == null || name.isBlank() || name.startsWith("__")) {
            throw new IllegalArgumentException("A stream name must be non-empty and not start with '__', got '"
                    + name + "'");
        }
        node.group.name = name;
    }

    /** The resource requests of a part whose operations request none, and of the coordinator. */
    public void resourceDefaults(Map<String, Number> defaults) {
        resourceDefaults = Map.copyOf(defaults);
    }

    /** The coordinator spout's resource requests, over the defaults. */
    public void masterCoordResources(Map<String, Number> resources) {
        masterCoordResources = Map.copyOf(resources);
    }

    /** What {@link #build} found weaker than the states promise, one message per state and spout. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Compiles the graph: the coordinator spout and one bolt per part.
     *
     * @throws InvalidTopologyException naming the problem if the graph cannot run
     */
    public StormTopology build() {
        if (txIds.isEmpty()) {
            throw new InvalidTopologyException("A Trident topology needs at least one stream (newStream)");
        }
        Compiler compiler = new Compiler(groups, resourceDefaults, masterCoordResources);
        StormTopology topology = compiler.compile();
        warnings.clear();
        warnings.addAll(compiler.warnings());
        return topology;
    }

    private Group newGroup() {
        Group g = new Group(groups.size());
        groups.add(g);
        return g;
    }

    private static Node add(Node parent, ProcSpec spec, Fields out) {
        return new Node(out, parent.group, spec, List.of(parent));
    }

    private static void check(Node parent, Fields fields, String op) {
        if (fields == null) {
            throw new IllegalArgumentException(op + ": fields must not be null");
        }
        for (String f : fields) {
            if (!parent.fields.contains(f)) {
                throw new IllegalArgumentException(op + ": field '" + f + "' is not in the stream's fields "
                        + parent.fields);
            }
        }
    }

    private static void checkSingle(Fields fields, String op) {
        if (fields == null || fields.size() != 1) {
            throw new IllegalArgumentException(op + " with a combiner or reducer emits one field, but was given "
                    + fields);
        }
    }

    private static Fields append(Fields base, Fields extra, String op) {
        if (extra == null) {
            throw new IllegalArgumentException(op + ": function fields must not be null");
        }
        List<String> all = new ArrayList<>(base.toList());
        for (String f : extra) {
            if (base.contains(f)) {
                throw new IllegalArgumentException(op + ": output field '" + f + "' is already in the stream's "
                        + "fields " + base + "; project or rename it first");
            }
            all.add(f);
        }
        return new Fields(all);
    }

    private static Fields rest(Fields all, Fields exclude) {
        List<String> ret = new ArrayList<>();
        for (String f : all) {
            if (!exclude.contains(f)) {
                ret.add(f);
            }
        }
        return new Fields(ret);
    }
}
