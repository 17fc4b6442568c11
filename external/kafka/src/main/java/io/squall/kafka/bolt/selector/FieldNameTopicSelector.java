package io.squall.kafka.bolt.selector;

import io.squall.tuple.Tuple;

/** Writes each tuple to the topic named in one of its fields, or to a default topic when the field is missing. */
public class FieldNameTopicSelector implements KafkaTopicSelector {
    private static final long serialVersionUID = 1L;

    private final String fieldName;
    private final String defaultTopicName;

    public FieldNameTopicSelector(String fieldName, String defaultTopicName) {
        this.fieldName = fieldName;
        this.defaultTopicName = defaultTopicName;
    }

    @Override
    public String getTopic(Tuple tuple) {
        return tuple.contains(fieldName) ? tuple.getStringByField(fieldName) : defaultTopicName;
    }
}
