package io.squall.trident.planner;

import io.squall.Config;
import io.squall.topology.BoltDeclarer;
import io.squall.topology.ComponentConfigurationDeclarer;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.SharedMemory;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.trident.coordinator.MasterBatchCoordinator;
import io.squall.trident.planner.Graph.Edge;
import io.squall.trident.planner.Graph.Group;
import io.squall.trident.planner.Graph.Node;
import io.squall.trident.spout.IBatchSpout;
import io.squall.trident.spout.ICommitterTridentSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.ITridentDataSource;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.squall.trident.planner.Graph.COORDINATOR_ID;

/**
 * Turns a {@link Graph}'s parts into an ordinary topology: checks that it can run (and which spouts cannot give
 * their states exactly-once), then declares the coordinator spout and one {@link TridentBolt} per part, wired by
 * direct streams. Used once, on the building thread.
 */
final class Compiler {
    private static final Logger LOG = LoggerFactory.getLogger(Compiler.class);

    private final List<Group> groups;
    private final Map<String, Number> resourceDefaults;
    private final Map<String, Number> masterCoordResources;
    private final List<String> warnings = new ArrayList<>();

    /** A compiler of {@code groups}, with the topology's default and coordinator resource requests. */
    Compiler(List<Group> groups, Map<String, Number> resourceDefaults, Map<String, Number> masterCoordResources) {
        this.groups = groups;
        this.resourceDefaults = resourceDefaults;
        this.masterCoordResources = masterCoordResources;
    }

    /** The guarantee mismatches {@link #compile} found. */
    List<String> warnings() {
        return warnings;
    }

    /**
     * The topology: the coordinator spout and one bolt per part.
     *
     * @throws InvalidTopologyException naming the problem if the graph cannot run
     */
    StormTopology compile() {
        Map<Group, String> ids = new HashMap<>();
        for (Group g : groups) {
            String id = g.spout != null ? "$spout-" + g.txId : "b-" + g.index;
            ids.put(g, g.name == null ? id : id + "-" + g.name);
        }
        Map<Group, Boolean> commitPhase = checkPhases();
        Map<Group, Boolean> eventTime = eventTimeParts();
        checkGuarantees();
        TopologyBuilder builder = new TopologyBuilder();
        List<String> streamIds = new ArrayList<>();
        Map<String, ITridentDataSource> spouts = new HashMap<>();
        for (Group g : groups) {
            if (g.txId != null) {
                streamIds.add(g.txId);
                spouts.put(g.txId, (ITridentDataSource) g.spout);
            }
        }
        Map<String, Number> coordinatorResources = new HashMap<>(resourceDefaults);
        coordinatorResources.putAll(masterCoordResources);
        request(builder.setSpout(COORDINATOR_ID, new MasterBatchCoordinator(streamIds, spouts), 1),
                coordinatorResources);
        Map<Group, GroupPlan> plans = new HashMap<>();
        for (Group g : groups) {
            boolean lateInputs = false;
            for (Edge e : g.inputs) {
                lateInputs |= commitPhase.get(e.from().group);
            }
            plans.put(g, new GroupPlan(ids.get(g), g.spout, g.txId, g.spout == null ? -1 : 0, isCommitter(g),
                    lateInputs));
            GroupPlan plan = plans.get(g);
            for (Node n : g.nodes) {
                plan.nodes.add(new GroupPlan.NodePlan(n.spec, new ArrayList<>()));
            }
            plan.eventTimeField = g.eventTimeField;
            plan.maxOutOfOrderMs = g.maxOutOfOrderMs;
            plan.idleTimeoutMs = g.idleTimeoutMs;
            plan.carriesEventTime = eventTime.get(g);
        }
        for (Group g : groups) {
            GroupPlan plan = plans.get(g);
            for (Node n : g.nodes) {
                for (int i = 0; i < n.parents.size(); i++) {
                    Node p = n.parents.get(i);
                    plan.nodes.get(g.nodes.indexOf(p)).children().add(new GroupPlan.Link(g.nodes.indexOf(n),
                            n.latePort ? GroupPlan.Link.LATE : i));
                }
            }
            for (Edge e : g.inputs) {
                String stream = "e" + e.id();
                Group from = e.from().group;
                plans.get(from).outputs.add(new GroupPlan.OutEdge(stream, ids.get(g), from.nodes.indexOf(e.from()),
                        e.partitioning(), e.partitionFields(), e.custom()));
                plan.inputs.add(new GroupPlan.InEdge(ids.get(from), stream, g.nodes.indexOf(e.entry()),
                        e.inputIndex(), e.from().fields, eventTime.get(from)));
            }
        }
        for (Group g : groups) {
            BoltDeclarer d = builder.setBolt(ids.get(g), new TridentBolt(plans.get(g)), g.parallelism);
            declareResources(d, g);
            if (g.spout != null || isCommitter(g)) {
                d.allGrouping(COORDINATOR_ID, MasterBatchCoordinator.SUCCESS_STREAM);
            }
            if (g.spout != null) {
                d.allGrouping(COORDINATOR_ID, MasterBatchCoordinator.BATCH_STREAM);
                Map<String, Object> conf = spoutConf(g.spout);
                if (conf != null) {
                    d.addConfigurations(conf);
                }
            }
            if (isCommitter(g) || g.spout instanceof ICommitterTridentSpout<?>) {
                d.allGrouping(COORDINATOR_ID, MasterBatchCoordinator.COMMIT_STREAM);
            }
            for (GroupPlan.InEdge in : plans.get(g).inputs) {
                d.directGrouping(in.sourceComponent(), in.streamId());
            }
        }
        return builder.createTopology();
    }

    /**
     * Records a part's resource requests on its bolt: for each resource, the sum of what the part's operations
     * request, or the topology's default when none of them requests it; and every shared memory request. They land in
     * the bolt's configuration under Storm's keys, where Storm's resource-aware scheduler would read them; Squall has
     * none, so they have no other effect.
     */
    private void declareResources(BoltDeclarer d, Group g) {
        Map<String, Number> sums = new HashMap<>();
        Set<SharedMemory> shared = new LinkedHashSet<>();
        for (Node n : g.nodes) {
            n.resources.getResources().forEach((k, v) -> sums.merge(k, v.doubleValue(),
                    (a, b) -> a.doubleValue() + b.doubleValue()));
            shared.addAll(n.resources.getSharedMemory());
        }
        resourceDefaults.forEach(sums::putIfAbsent);
        request(d, sums);
        shared.forEach(d::addSharedMemory);
    }

    /** Records memory and CPU requests on a component, as Storm's keys; a missing one is not recorded. */
    private static void request(ComponentConfigurationDeclarer<?> d, Map<String, Number> resources) {
        d.setMemoryLoad(resources.get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB),
                resources.get(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB));
        d.setCPULoad(resources.get(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT));
    }

    private static Map<String, Object> spoutConf(Object spout) {
        if (spout instanceof IBatchSpout s) {
            return s.getComponentConfiguration();
        }
        if (spout instanceof ITridentSpout<?> s) {
            return s.getComponentConfiguration();
        }
        if (spout instanceof IPartitionedTridentSpout<?, ?, ?> s) {
            return s.getComponentConfiguration();
        }
        return ((IOpaquePartitionedTridentSpout<?, ?, ?>) spout).getComponentConfiguration();
    }

    private static boolean isCommitter(Group g) {
        for (Node n : g.nodes) {
            if (n.spec.commits()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which parts carry event time: those of a spout declared with it, and every part downstream of one. Parts come
     * in creation order, so a part's inputs are settled before it.
     */
    private Map<Group, Boolean> eventTimeParts() {
        Map<Group, Boolean> carries = new HashMap<>();
        for (Group g : groups) {
            boolean yes = g.eventTimeField != null;
            for (Edge e : g.inputs) {
                yes |= carries.get(e.from().group);
            }
            carries.put(g, yes);
        }
        return carries;
    }

    /** A part fed both by parts that emit when a batch is processed and by parts that emit when it commits would
     *  wait for the commit while holding up the processing it needs: refuse it. */
    private Map<Group, Boolean> checkPhases() {
        Map<Group, Boolean> commitPhase = new HashMap<>();
        for (Group g : groups) {
            boolean late = isCommitter(g);
            Set<Boolean> inputs = new HashSet<>();
            for (Edge e : g.inputs) {
                boolean in = commitPhase.get(e.from().group);
                inputs.add(in);
                late |= in;
            }
            if (inputs.size() > 1) {
                throw new InvalidTopologyException("A merge or join combines a stream of a state's new values (which "
                        + "flows when a batch commits) with a stream that flows while the batch is processed; "
                        + "Trident cannot combine the two within a batch");
            }
            commitPhase.put(g, late);
        }
        return commitPhase;
    }

    private void checkGuarantees() {
        for (Group g : groups) {
            for (Node n : g.nodes) {
                StateFactory f = n.spec.updatedState();
                if (f == null) {
                    continue;
                }
                StateType type = f.getStateType();
                for (Group sg : spoutsUpstream(n)) {
                    String problem = guaranteeProblem(sg, type);
                    if (problem != null) {
                        String msg = "State " + f.getClass().getName() + " (" + type + ") behind stream '" + sg.txId
                                + "': " + problem;
                        warnings.add(msg);
                        LOG.warn(msg);
                    }
                }
            }
        }
    }

    private static String guaranteeProblem(Group spoutGroup, StateType type) {
        if (spoutGroup.spout instanceof IBatchSpout && type != StateType.NON_TRANSACTIONAL) {
            return "its spout " + spoutGroup.spout.getClass().getName() + " is a non-transactional IBatchSpout, "
                    + "so a replayed batch may hold other tuples and you get at-least-once at best, not "
                    + "exactly-once; use a transactional spout with a transactional or opaque state, or an opaque "
                    + "spout with an opaque state";
        }
        if (spoutGroup.spout instanceof IOpaquePartitionedTridentSpout<?, ?, ?> && type == StateType.TRANSACTIONAL) {
            return "its spout " + spoutGroup.spout.getClass().getName() + " is opaque, so a replayed txid may hold "
                    + "other tuples, which a transactional state skips: you get neither exactly-once nor "
                    + "at-least-once (updates can be lost); use an opaque state";
        }
        return null;
    }

    private static Set<Group> spoutsUpstream(Node start) {
        Set<Group> spouts = new LinkedHashSet<>();
        Set<Node> seen = new HashSet<>();
        Deque<Node> toVisit = new ArrayDeque<>(List.of(start));
        while (!toVisit.isEmpty()) {
            Node n = toVisit.pop();
            if (!seen.add(n)) {
                continue;
            }
            toVisit.addAll(n.parents);
            if (n.group.spout != null && n.parents.isEmpty()) {
                spouts.add(n.group);
            }
            for (Edge e : n.group.inputs) {
                if (e.entry() == n) {
                    toVisit.push(e.from());
                }
            }
        }
        return spouts;
    }
}
