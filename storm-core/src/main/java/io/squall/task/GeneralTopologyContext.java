package io.squall.task;

import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamSpec;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The whole topology's structure and task layout. Immutable and shared by every task of a worker. */
public class GeneralTopologyContext {
    private final StormTopology topology;
    private final Map<String, Object> topoConf;
    private final Map<Integer, String> taskToComponent;
    private final Map<String, List<Integer>> componentToTasks;
    private final String stormId;

    /**
     * A context over a topology whose tasks are laid out as given.
     *
     * @param taskToComponent every task id of the topology (system components included) to its component
     */
    public GeneralTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                  Map<Integer, String> taskToComponent, String stormId) {
        this.topology = topology;
        this.topoConf = Collections.unmodifiableMap(topoConf);
        this.taskToComponent = Collections.unmodifiableMap(new TreeMap<>(taskToComponent));
        Map<String, List<Integer>> byComponent = new HashMap<>();
        for (Map.Entry<Integer, String> e : this.taskToComponent.entrySet()) {
            byComponent.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        byComponent.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.componentToTasks = Collections.unmodifiableMap(byComponent);
        this.stormId = stormId;
    }

    /** The running topology's id. */
    public String getStormId() {
        return stormId;
    }

    /** The topology as submitted. */
    public StormTopology getRawTopology() {
        return topology;
    }

    /** The topology's configuration. */
    public Map<String, Object> getTopologyConf() {
        return topoConf;
    }

    /** The component of a task, or null for an unknown task. */
    public String getComponentId(int taskId) {
        return taskToComponent.get(taskId);
    }

    /** A component's task ids, ascending; empty for an unknown component. */
    public List<Integer> getComponentTasks(String componentId) {
        return componentToTasks.getOrDefault(componentId, List.of());
    }

    /** Every task id to its component. */
    public Map<Integer, String> getTaskToComponent() {
        return taskToComponent;
    }

    /** The ids of the user's components. */
    public Set<String> getComponentIds() {
        return topology.getComponents().keySet();
    }

    /** The streams a component declares. */
    public Set<String> getComponentStreams(String componentId) {
        ComponentSpec c = component(componentId);
        return c.getOutputs().keySet();
    }

    /** The fields of a component's stream. */
    public Fields getComponentOutputFields(String componentId, String streamId) {
        StreamSpec s = component(componentId).getOutputs().get(streamId);
        if (s == null) {
            throw new IllegalArgumentException("No output stream '" + streamId + "' for component '" + componentId + "'");
        }
        return s.fields();
    }

    /** The fields of a stream. */
    public Fields getComponentOutputFields(GlobalStreamId id) {
        return getComponentOutputFields(id.getComponentId(), id.getStreamId());
    }

    /** What a component subscribes to. */
    public Map<GlobalStreamId, Grouping> getSources(String componentId) {
        return component(componentId).getInputs();
    }

    /** Who subscribes to a component's streams: stream id → subscribing component → grouping. */
    public Map<String, Map<String, Grouping>> getTargets(String componentId) {
        Map<String, Map<String, Grouping>> out = new TreeMap<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            for (Map.Entry<GlobalStreamId, Grouping> in : c.getInputs().entrySet()) {
                if (in.getKey().getComponentId().equals(componentId)) {
                    out.computeIfAbsent(in.getKey().getStreamId(), k -> new TreeMap<>()).put(c.getId(), in.getValue());
                }
            }
        }
        return out;
    }

    private ComponentSpec component(String componentId) {
        ComponentSpec c = topology.getComponent(componentId);
        if (c == null) {
            throw new IllegalArgumentException("No component '" + componentId + "' in topology " + stormId);
        }
        return c;
    }
}
