package io.squall.kafka.spout.subscription;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.Set;

/**
 * Which partitions a {@code KafkaSpout} reads, over all its tasks. Every task asks it every partition refresh
 * period, on the task's own thread, and hands the answer, sorted, to the {@link ManualPartitioner} that picks the
 * task's share. It travels with the topology, so it must be serializable.
 *
 * <p>A filter that throws is reported as an error of the spout, which keeps the partitions it reads and asks again
 * at the next refresh.
 */
public interface TopicFilter extends Serializable {

    /**
     * The partitions the spout reads now.
     *
     * @param consumer the task's consumer, to look up the brokers' topics and partitions with; its
     *     {@code default.api.timeout.ms} bounds how long a look-up may wait
     * @return the partitions to read, possibly empty
     */
    Set<TopicPartition> getAllSubscribedPartitions(Consumer<?, ?> consumer);

    /** The topics this filter passes, as a person would read them in a log or a metric. */
    String getTopicsString();
}
