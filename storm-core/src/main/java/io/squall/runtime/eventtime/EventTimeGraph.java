package io.squall.runtime.eventtime;

import io.squall.config.ConfigKeys;
import io.squall.spout.CheckpointSpout;
import io.squall.task.GeneralTopologyContext;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.StormTopology;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which components of a topology carry event time, read from the topology alone: a spout declared with
 * event time ({@code SpoutDeclarer.withEventTime}) sends watermarks, a windowed bolt by event time sends its
 * own, and every bolt downstream of either forwards them. A task's watermark inputs are all the tasks of the
 * upstream components that carry event time, whether or not they have sent anything yet. Immutable.
 */
public final class EventTimeGraph {
    private final GeneralTopologyContext context;
    private final Map<String, Boolean> carries = new HashMap<>();

    /** The graph of the topology behind {@code context}. */
    public EventTimeGraph(GeneralTopologyContext context) {
        this.context = context;
        StormTopology topology = context.getRawTopology();
        for (String id : topology.getComponents().keySet()) {
            carries(topology, id, new TreeSet<>());
        }
    }

    private boolean carries(StormTopology topology, String id, Set<String> visiting) {
        Boolean known = carries.get(id);
        if (known != null) {
            return known;
        }
        ComponentSpec c = topology.getComponent(id);
        if (c == null) {
            return false; // The system component (tick tuples) and the like.
        }
        boolean yes = isEventTimeSource(c) || isEventTimeWindow(c);
        if (!yes && visiting.add(id)) {
            for (GlobalStreamId in : c.getInputs().keySet()) {
                if (carries(topology, in.getComponentId(), visiting)) {
                    yes = true;
                    break;
                }
            }
            visiting.remove(id);
        }
        if (visiting.isEmpty() || yes) {
            carries.put(id, yes); // A component in a cycle is only settled once the cycle's start is.
        }
        return yes;
    }

    /** Whether a spout was declared with event time. */
    public static boolean isEventTimeSource(ComponentSpec c) {
        return c.getKind() == ComponentSpec.Kind.SPOUT
                && c.getConfig().get(ConfigKeys.TOPOLOGY_SPOUT_MAX_OUT_OF_ORDER_MS.name()) != null;
    }

    /** Whether a bolt is a window by event time. */
    public static boolean isEventTimeWindow(ComponentSpec c) {
        Map<String, Object> conf = c.getConfig();
        return c.getKind() == ComponentSpec.Kind.BOLT
                && (conf.get(ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_FIELD_NAME.name()) != null
                || Boolean.TRUE.equals(conf.get(ConfigKeys.TOPOLOGY_BOLTS_EVENT_TIME.name())));
    }

    /** Whether a component sends watermarks. */
    public boolean carriesEventTime(String componentId) {
        return carries.getOrDefault(componentId, false);
    }

    /** Whether any input of a component carries event time: then its tasks track watermarks. */
    public boolean hasEventTimeInputs(String componentId) {
        return inputTasks(componentId).length > 0;
    }

    /** Every task of the upstream components of {@code componentId} that send watermarks, in order. */
    public int[] inputTasks(String componentId) {
        Set<Integer> tasks = new TreeSet<>();
        for (GlobalStreamId in : context.getSources(componentId).keySet()) {
            if (carriesEventTime(in.getComponentId())) {
                tasks.addAll(context.getComponentTasks(in.getComponentId()));
            }
        }
        return tasks.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Every task of every component {@code componentId} subscribes to for data, in order: checkpoint barriers
     * carry no event time, so the checkpoint stream's senders are left out.
     */
    public int[] allInputTasks(String componentId) {
        Set<Integer> tasks = new TreeSet<>();
        for (GlobalStreamId in : context.getSources(componentId).keySet()) {
            if (CheckpointSpout.CHECKPOINT_STREAM_ID.equals(in.getStreamId())) {
                continue;
            }
            tasks.addAll(context.getComponentTasks(in.getComponentId()));
        }
        return tasks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every task of the components that subscribe to {@code componentId}: where its watermarks go. */
    public int[] outputTasks(String componentId) {
        Set<Integer> tasks = new TreeSet<>();
        for (Map<String, ?> byComponent : context.getTargets(componentId).values()) {
            for (String target : byComponent.keySet()) {
                tasks.addAll(context.getComponentTasks(target));
            }
        }
        return tasks.stream().mapToInt(Integer::intValue).toArray();
    }
}
