package io.squall.kafka.spout;

import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Decides when, and whether, a failed tuple of a {@link KafkaSpout} is emitted again. Called on the spout's
 * executor thread only.
 */
public interface KafkaSpoutRetryService extends Serializable {
    /**
     * Schedules a retry of {@code msgId}, whose {@link KafkaSpoutMessageId#numFails()} already counts this failure.
     *
     * @return false if the record has failed too often and is not to be retried
     */
    boolean schedule(KafkaSpoutMessageId msgId);

    /** Forgets {@code msgId}; returns whether it was scheduled. */
    boolean remove(KafkaSpoutMessageId msgId);

    /**
     * Forgets every scheduled retry of a partition not in {@code topicPartitions}.
     *
     * @return the partitions that still have scheduled retries
     */
    Set<TopicPartition> retainAll(Collection<TopicPartition> topicPartitions);

    /** For each partition with a retry that is due, the smallest such offset. */
    Map<TopicPartition, Long> earliestRetriableOffsets();

    /** Whether {@code msgId} is scheduled and due. */
    boolean isReady(KafkaSpoutMessageId msgId);

    /** Whether {@code msgId} is scheduled. */
    boolean isScheduled(KafkaSpoutMessageId msgId);

    /** How many scheduled retries are due. */
    int readyMessageCount();

    /** The scheduled id for this record, or a new id if it is not scheduled. */
    KafkaSpoutMessageId getMessageId(TopicPartition topicPartition, long offset);
}
