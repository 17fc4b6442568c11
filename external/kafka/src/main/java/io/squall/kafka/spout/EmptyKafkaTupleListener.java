package io.squall.kafka.spout;

import io.squall.task.TopologyContext;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A listener that does nothing: the default. */
public class EmptyKafkaTupleListener implements KafkaTupleListener {
    private static final long serialVersionUID = 1L;

    @Override
    public void open(Map<String, Object> conf, TopologyContext context) {
    }

    @Override
    public void onEmit(List<Object> tuple, KafkaSpoutMessageId msgId) {
    }

    @Override
    public void onAck(KafkaSpoutMessageId msgId) {
    }

    @Override
    public void onPartitionsReassigned(Collection<TopicPartition> partitions) {
    }

    @Override
    public void onRetry(KafkaSpoutMessageId msgId) {
    }

    @Override
    public void onMaxRetryReached(KafkaSpoutMessageId msgId) {
    }
}
