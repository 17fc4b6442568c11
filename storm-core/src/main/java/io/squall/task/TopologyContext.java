package io.squall.task;

import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.tuple.Fields;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The topology as seen from one task: its id, component and index among its component's tasks. Given to
 * {@code open} and {@code prepare}; used from the task's executor thread.
 */
public class TopologyContext extends WorkerTopologyContext {
    private final int taskId;
    private final Map<String, Object> taskData = new HashMap<>();

    /** A context for task {@code taskId}. */
    public TopologyContext(WorkerTopologyContext worker, int taskId) {
        super(worker.getRawTopology(), worker.getTopologyConf(), worker.getTaskToComponent(), worker.getStormId(),
                worker.getThisWorkerPort(), worker.getThisWorkerTasks());
        this.taskId = taskId;
    }

    /** This task's id, unique in the topology. */
    public int getThisTaskId() {
        return taskId;
    }

    /** This task's component. */
    public String getThisComponentId() {
        return getComponentId(taskId);
    }

    /** This task's position among its component's tasks, from 0. */
    public int getThisTaskIndex() {
        return getComponentTasks(getThisComponentId()).indexOf(taskId);
    }

    /** The streams this component declares. */
    public Set<String> getThisStreams() {
        return getComponentStreams(getThisComponentId());
    }

    /** The fields of one of this component's streams. */
    public Fields getThisOutputFields(String streamId) {
        return getComponentOutputFields(getThisComponentId(), streamId);
    }

    /** What this component subscribes to. */
    public Map<GlobalStreamId, Grouping> getThisSources() {
        return getSources(getThisComponentId());
    }

    /** Who subscribes to this component's streams. */
    public Map<String, Map<String, Grouping>> getThisTargets() {
        return getTargets(getThisComponentId());
    }

    /** This component's task ids. */
    public List<Integer> getThisComponentTasks() {
        return getComponentTasks(getThisComponentId());
    }

    /** Stores task-local data. */
    public void setTaskData(String name, Object data) {
        taskData.put(name, data);
    }

    /** Task-local data stored with {@link #setTaskData}. */
    public Object getTaskData(String name) {
        return taskData.get(name);
    }
}
