package io.squall.grouping;

import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Storm's shuffle as a custom grouping ({@code customGrouping(id, new ShuffleGrouping())}): each tuple to one
 * target task, going round a shuffled order of them so that every task gets the same share, also when several
 * threads choose at once (as in Storm). The built-in {@code shuffleGrouping} also weighs the tasks' load.
 */
public class ShuffleGrouping implements CustomStreamGrouping {
    private static final long serialVersionUID = 1L;

    private List<List<Integer>> choices;
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        choices = new ArrayList<>(targetTasks.size());
        for (Integer t : targetTasks) {
            choices.add(List.of(t));
        }
        Collections.shuffle(choices, ThreadLocalRandom.current());
        next.set(0);
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        int n = choices.size();
        return choices.get(next.getAndUpdate(i -> i + 1 == n ? 0 : i + 1));
    }
}
