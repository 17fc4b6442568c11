package io.squall.kafka.spout;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.Objects;

/**
 * The message id of a tuple a {@link KafkaSpout} emitted: the record's partition and offset, and how often its
 * tuple failed. Equal ids name the same record. Used on the spout's executor thread only.
 */
public class KafkaSpoutMessageId implements Serializable {
    private static final long serialVersionUID = 1L;

    private final TopicPartition topicPartition;
    private final long offset;
    private final boolean nullTuple;
    private int numFails;

    /** The id of {@code record}'s tuple. */
    public KafkaSpoutMessageId(ConsumerRecord<?, ?> record) {
        this(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    /** The id of the record at {@code offset} of {@code topicPartition}. */
    public KafkaSpoutMessageId(TopicPartition topicPartition, long offset) {
        this(topicPartition, offset, false);
    }

    /** The id of the record at {@code offset}; {@code nullTuple} when the translator made no values for it. */
    public KafkaSpoutMessageId(TopicPartition topicPartition, long offset, boolean nullTuple) {
        this.topicPartition = Objects.requireNonNull(topicPartition, "topicPartition");
        this.offset = offset;
        this.nullTuple = nullTuple;
    }

    public TopicPartition getTopicPartition() {
        return topicPartition;
    }

    public long offset() {
        return offset;
    }

    /** How many times this record's tuple failed. */
    public int numFails() {
        return numFails;
    }

    /** Counts one more failure. */
    public void incrementNumFails() {
        numFails++;
    }

    /** Whether the translator returned no values for this record. */
    public boolean isNullTuple() {
        return nullTuple;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaSpoutMessageId other && offset == other.offset
                && topicPartition.equals(other.topicPartition);
    }

    @Override
    public int hashCode() {
        return 31 * topicPartition.hashCode() + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return topicPartition + "@" + offset + (numFails > 0 ? " (failed " + numFails + "x)" : "");
    }
}
