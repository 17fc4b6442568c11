package io.squall.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.topology.ComponentCommon;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamSpec;
import io.squall.tuple.Fields;
import io.squall.utils.ObjectReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The whole topology's structure and task layout. Immutable and shared by every task of a worker. */
public class GeneralTopologyContext {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StormTopology topology;
    private final Map<String, Object> topoConf;
    private final Map<Integer, String> taskToComponent;
    private final Map<String, List<Integer>> componentToTasks;
    private final String stormId;
    /** Storm's constructor's output fields by component and stream, looked up first; null otherwise. */
    private final Map<String, Map<String, Fields>> componentToStreamToFields;

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
        this.componentToStreamToFields = null;
    }

    /**
     * Storm's constructor, with which Storm's unit tests make the context of a {@code TupleImpl} they hand a bolt:
     * the component's tasks and each stream's fields as given. A stream's fields are looked up in
     * {@code componentToStreamToFields} first, then in the topology; a component's tasks in
     * {@code componentToSortedTasks} first, then in {@code taskToComponent}. Any of the maps may be empty, and the
     * topology may be that of an empty {@code TopologyBuilder}.
     */
    public GeneralTopologyContext(StormTopology topology, Map<String, Object> topoConf,
                                  Map<Integer, String> taskToComponent, Map<String, List<Integer>> componentToSortedTasks,
                                  Map<String, Map<String, Fields>> componentToStreamToFields, String stormId) {
        this.topology = topology;
        this.topoConf = Collections.unmodifiableMap(topoConf == null ? Map.of() : topoConf);
        Map<Integer, String> tasks = taskToComponent == null ? Map.of() : taskToComponent;
        this.taskToComponent = Collections.unmodifiableMap(new TreeMap<>(tasks));
        Map<String, List<Integer>> byComponent = new HashMap<>();
        for (Map.Entry<Integer, String> e : this.taskToComponent.entrySet()) {
            byComponent.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        if (componentToSortedTasks != null) {
            componentToSortedTasks.forEach((c, t) -> byComponent.put(c, new ArrayList<>(t)));
        }
        byComponent.replaceAll((k, v) -> Collections.unmodifiableList(v));
        this.componentToTasks = Collections.unmodifiableMap(byComponent);
        this.stormId = stormId;
        this.componentToStreamToFields = componentToStreamToFields == null ? Map.of() : componentToStreamToFields;
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
        if (componentToStreamToFields != null && componentToStreamToFields.containsKey(componentId)) {
            Set<String> streams = new TreeSet<>(componentToStreamToFields.get(componentId).keySet());
            if (topology != null && topology.getComponent(componentId) != null) {
                streams.addAll(topology.getComponent(componentId).getOutputs().keySet());
            }
            return Collections.unmodifiableSet(streams);
        }
        ComponentSpec c = component(componentId);
        return c.getOutputs().keySet();
    }

    /** The fields of a component's stream. */
    public Fields getComponentOutputFields(String componentId, String streamId) {
        if (componentToStreamToFields != null) {
            Map<String, Fields> streams = componentToStreamToFields.get(componentId);
            Fields given = streams == null ? null : streams.get(streamId);
            if (given != null) {
                return given;
            }
            if (topology == null || topology.getComponent(componentId) == null) {
                throw new IllegalArgumentException("No output fields defined for component:stream " + componentId
                        + ":" + streamId);
            }
        }
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

    /**
     * Whether a {@code TupleImpl} made with this context checks its values against its stream's fields, as Storm's:
     * unless {@code storm.cluster.mode} is {@code "distributed"}.
     */
    public boolean doSanityCheck() {
        return !"distributed".equals(topoConf.get(Config.STORM_CLUSTER_MODE));
    }

    /** The topology's configuration: Storm's other name for {@link #getTopologyConf()}. */
    public Map<String, Object> getConf() {
        return getTopologyConf();
    }

    /**
     * A component's inputs, streams, parallelism and JSON configuration as Storm's generated
     * {@code ComponentCommon} shows them.
     *
     * @throws IllegalArgumentException for a component not in the topology
     */
    public ComponentCommon getComponentCommon(String componentId) {
        ComponentSpec c = component(componentId);
        return c.getKind() == ComponentSpec.Kind.SPOUT ? topology.get_spouts().get(componentId).get_common()
                : topology.get_bolts().get(componentId).get_common();
    }

    /**
     * The longest message timeout in seconds of the topology: its {@code topology.message.timeout.secs} (30 when not
     * set) or a spout's own, if longer, as Storm's.
     */
    public int maxTopologyMessageTimeout() {
        int max = ObjectReader.getInt(topoConf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS),
                (Integer) ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue());
        if (topology != null) {
            for (ComponentSpec spout : topology.getSpouts()) {
                Object own = spout.getConfig() == null ? null : spout.getConfig().get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS);
                max = Math.max(max, ObjectReader.getInt(own, max));
            }
        }
        return max;
    }

    /**
     * This context as the JSON object Storm gives multilang subprocesses: here, which component each task belongs to
     * ({@code task->component}); a task's context adds what it knows of its own task and component.
     */
    public String toJSONString() {
        try {
            return JSON.writeValueAsString(jsonInfo());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A context's plain maps, lists and strings did not make JSON", e);
        }
    }

    /** What {@link #toJSONString()} writes, in order: task ids as strings, as JSON keys are. */
    Map<String, Object> jsonInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        Map<String, String> tasks = new TreeMap<>();
        taskToComponent.forEach((task, component) -> tasks.put(String.valueOf(task), component));
        info.put("task->component", tasks);
        return info;
    }

    private ComponentSpec component(String componentId) {
        ComponentSpec c = topology.getComponent(componentId);
        if (c == null) {
            throw new IllegalArgumentException("No component '" + componentId + "' in topology " + stormId);
        }
        return c;
    }
}
