package io.squall.testing;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;

import java.util.ArrayList;
import java.util.List;

/** A grouping that sends every tuple to the first {@code n} target tasks (by task id). */
public class NGrouping implements CustomStreamGrouping {
    private static final long serialVersionUID = 1L;
    private final int n;
    private List<Integer> outTasks;

    public NGrouping(Integer n) {
        if (n == null || n < 1) {
            throw new IllegalArgumentException("NGrouping needs n of at least 1, got " + n);
        }
        this.n = n;
    }

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        List<Integer> sorted = new ArrayList<>(targetTasks);
        sorted.sort(null);
        outTasks = List.copyOf(sorted.subList(0, Math.min(n, sorted.size())));
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        return outTasks;
    }
}
