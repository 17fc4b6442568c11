package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Storm's UI shows on a topology's page, as its generated {@code TopologyPageInfo}: the topology's counts and
 * its workers and totals. Squall fills the parts that its {@link TopologyInfo} holds; the per-component aggregate
 * statistics of Storm's page are in the {@link ExecutorSummary}s of {@link Nimbus.Iface#getTopologyInfo}.
 */
public final class TopologyPageInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TopologyInfo info;
    private final List<WorkerSummary> workers;

    public TopologyPageInfo(TopologyInfo info, List<WorkerSummary> workers) {
        this.info = info;
        this.workers = List.copyOf(workers);
    }

    /**
     * The page of {@code info}, its workers made from its executors' places; {@code supervisorIdByHost} names the
     * supervisor of each worker ({@code host:port}) or else of each host (the host itself where it has neither):
     * where several supervisors share a host, only the worker's key tells them apart.
     */
    public static TopologyPageInfo of(TopologyInfo info, Map<String, String> supervisorIdByHost) {
        Map<String, List<ExecutorSummary>> byWorker = new LinkedHashMap<>();
        for (ExecutorSummary e : info.get_executors()) {
            byWorker.computeIfAbsent(e.get_host() + ":" + e.get_port(), k -> new ArrayList<>()).add(e);
        }
        List<WorkerSummary> workers = new ArrayList<>();
        for (List<ExecutorSummary> executors : byWorker.values()) {
            ExecutorSummary first = executors.get(0);
            Map<String, Long> tasks = new HashMap<>();
            int uptime = 0;
            for (ExecutorSummary e : executors) {
                ExecutorInfo range = e.get_executor_info();
                tasks.merge(e.get_component_id(), (long) (range.get_task_end() - range.get_task_start() + 1),
                        Long::sum);
                uptime = Math.max(uptime, e.get_uptime_secs());
            }
            String supervisor = supervisorIdByHost.getOrDefault(first.get_host() + ":" + first.get_port(),
                    supervisorIdByHost.getOrDefault(first.get_host(), first.get_host()));
            workers.add(new WorkerSummary(supervisor,
                    first.get_host(), first.get_port(), info.get_id(), info.get_name(), executors.size(), tasks,
                    uptime));
        }
        return new TopologyPageInfo(info, workers);
    }

    public String get_id() {
        return info.get_id();
    }

    public String get_name() {
        return info.get_name();
    }

    public int get_uptime_secs() {
        return info.get_uptime_secs();
    }

    public String get_status() {
        return info.get_status();
    }

    public int get_num_workers() {
        return workers.size();
    }

    public int get_num_executors() {
        return info.get_executors_size();
    }

    public int get_num_tasks() {
        int tasks = 0;
        for (ExecutorSummary e : info.get_executors()) {
            tasks += e.get_executor_info().get_task_end() - e.get_executor_info().get_task_start() + 1;
        }
        return tasks;
    }

    /** The topology's totals by time window, from its executors' statistics. */
    public TopologyStats get_topology_stats() {
        return TopologyStats.of(info.get_executors());
    }

    public List<WorkerSummary> get_workers() {
        return workers;
    }

    public int get_workers_size() {
        return workers.size();
    }

    @Override
    public String toString() {
        return "TopologyPageInfo(" + get_name() + " " + get_id() + ", " + get_status() + ", " + get_num_workers()
                + " workers, " + get_num_executors() + " executors, " + get_num_tasks() + " tasks)";
    }
}
