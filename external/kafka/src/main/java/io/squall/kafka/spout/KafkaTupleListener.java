package io.squall.kafka.spout;

import io.squall.task.TopologyContext;
import org.apache.kafka.common.TopicPartition;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Told what happens to a {@link KafkaSpout}'s tuples, for bookkeeping of your own. Called on the spout's executor
 * thread; keep each call short.
 */
public interface KafkaTupleListener extends Serializable {
    /** Called from the spout's {@code open}. */
    void open(Map<String, Object> conf, TopologyContext context);

    /** A tuple was emitted (the first time, or again after a failure). */
    void onEmit(List<Object> tuple, KafkaSpoutMessageId msgId);

    /** A tuple's tree completed. */
    void onAck(KafkaSpoutMessageId msgId);

    /** The spout's partitions changed to {@code partitions}. */
    void onPartitionsReassigned(Collection<TopicPartition> partitions);

    /** A failed tuple is emitted again. */
    void onRetry(KafkaSpoutMessageId msgId);

    /** A tuple failed more often than the retry service allows; it is not emitted again. */
    void onMaxRetryReached(KafkaSpoutMessageId msgId);
}
