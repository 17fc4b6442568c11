package io.squall.kafka.spout.subscription;

import io.squall.task.TopologyContext;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Picks a spout task's share of the partitions its {@link TopicFilter} passes. Tasks do not talk to each other:
 * each gets the same list in the same order and must pick its share from that and its place among the spout's tasks
 * alone, so that every partition goes to exactly one task. A partitioner that leaves a partition to no task leaves
 * it unread; one that gives a partition to two tasks has it read twice.
 */
@FunctionalInterface
public interface ManualPartitioner extends Serializable {

    /**
     * This task's partitions.
     *
     * @param allPartitionsSorted every partition the spout reads, ordered by topic and then partition number, the
     *     same list on every task
     * @param context this task's context: {@code getThisTaskIndex()} and the number of the component's tasks are
     *     what a partitioner normally needs
     * @return the partitions this task reads
     */
    Set<TopicPartition> getPartitionsForThisTask(List<TopicPartition> allPartitionsSorted, TopologyContext context);
}
