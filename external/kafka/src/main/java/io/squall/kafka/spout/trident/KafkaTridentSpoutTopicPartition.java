package io.squall.kafka.spout.trident;

import io.squall.trident.spout.ISpoutPartition;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;

/**
 * One Kafka partition as a Trident spout partition; its id, under which the metadata of its batches is kept, is
 * {@code topic@partition}.
 */
public final class KafkaTridentSpoutTopicPartition implements ISpoutPartition, Serializable {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int partition;

    public KafkaTridentSpoutTopicPartition(String topic, int partition) {
        this.topic = topic;
        this.partition = partition;
    }

    public KafkaTridentSpoutTopicPartition(TopicPartition topicPartition) {
        this(topicPartition.topic(), topicPartition.partition());
    }

    /** The Kafka partition. */
    public TopicPartition getTopicPartition() {
        return new TopicPartition(topic, partition);
    }

    @Override
    public String getId() {
        return topic + "@" + partition;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaTridentSpoutTopicPartition p && p.partition == partition && p.topic.equals(topic);
    }

    @Override
    public int hashCode() {
        return topic.hashCode() * 31 + partition;
    }

    @Override
    public String toString() {
        return getId();
    }
}
