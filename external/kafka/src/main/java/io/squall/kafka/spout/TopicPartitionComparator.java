package io.squall.kafka.spout;

import org.apache.kafka.common.TopicPartition;

import java.util.Comparator;

/**
 * Orders partitions by topic name, then partition number: the order every spout task sorts the filter's partitions
 * in before its {@link io.squall.kafka.spout.subscription.ManualPartitioner} picks its share.
 */
public final class TopicPartitionComparator implements Comparator<TopicPartition> {
    /** The one instance. */
    public static final TopicPartitionComparator INSTANCE = new TopicPartitionComparator();

    private TopicPartitionComparator() {
    }

    @Override
    public int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
