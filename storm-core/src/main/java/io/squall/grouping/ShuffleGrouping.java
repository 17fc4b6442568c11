package io.squall.grouping;

import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Storm's shuffle as a custom grouping ({@code customGrouping(id, new ShuffleGrouping())}): each tuple to one
 * target task, going round a shuffled order of them so that every task gets the same share. The built-in
 * {@code shuffleGrouping} also weighs the tasks' load.
 */
public class ShuffleGrouping implements CustomStreamGrouping {
    private static final long serialVersionUID = 1L;

    private List<List<Integer>> choices;
    private int next;

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        choices = new ArrayList<>(targetTasks.size());
        for (Integer t : targetTasks) {
            choices.add(List.of(t));
        }
        Collections.shuffle(choices, ThreadLocalRandom.current());
        next = 0;
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        List<Integer> chosen = choices.get(next);
        next = next + 1 == choices.size() ? 0 : next + 1;
        return chosen;
    }
}
