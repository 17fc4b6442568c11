package io.squall.kafka.spout.subscription;

import io.squall.task.TopologyContext;
import org.apache.kafka.common.TopicPartition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deals the partitions out like cards: of n tasks, the task with index i takes partitions i, i + n, i + 2n, ... of
 * the sorted list. The deal counts every task of the component, running or not, so a task that dies and comes back
 * finds its partitions where it left them; a partition added later goes to exactly one task. The spout's default.
 */
public class RoundRobinManualPartitioner implements ManualPartitioner {
    private static final long serialVersionUID = 1L;

    @Override
    public Set<TopicPartition> getPartitionsForThisTask(List<TopicPartition> allPartitionsSorted,
                                                        TopologyContext context) {
        int taskIndex = context.getThisTaskIndex();
        int taskCount = context.getComponentTasks(context.getThisComponentId()).size();
        Set<TopicPartition> mine = new LinkedHashSet<>();
        for (int i = taskIndex; i < allPartitionsSorted.size(); i += taskCount) {
            mine.add(allPartitionsSorted.get(i));
        }
        return mine;
    }
}
