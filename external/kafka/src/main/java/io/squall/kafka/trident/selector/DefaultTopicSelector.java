package io.squall.kafka.trident.selector;

import io.squall.trident.tuple.TridentTuple;

/** Writes every Trident tuple to one topic. */
public class DefaultTopicSelector implements KafkaTopicSelector {
    private static final long serialVersionUID = 1L;

    private final String topicName;

    public DefaultTopicSelector(String topicName) {
        if (topicName == null || topicName.isBlank()) {
            throw new IllegalArgumentException("DefaultTopicSelector needs a topic name, got '" + topicName + "'");
        }
        this.topicName = topicName;
    }

    @Override
    public String getTopic(TridentTuple tuple) {
        return topicName;
    }
}
