package io.squall.kafka.bolt.selector;

import io.squall.tuple.Tuple;

/**
 * Writes each tuple to the topic named by its field at a given index, or to a default topic when the tuple has no
 * field there.
 */
public class FieldIndexTopicSelector implements KafkaTopicSelector {
    private static final long serialVersionUID = 1L;

    private final int fieldIndex;
    private final String defaultTopicName;

    /**
     * Reads the topic from field {@code fieldIndex} (0 is the first field).
     *
     * @throws IllegalArgumentException if {@code fieldIndex} is negative
     */
    public FieldIndexTopicSelector(int fieldIndex, String defaultTopicName) {
        if (fieldIndex < 0) {
            throw new IllegalArgumentException("FieldIndexTopicSelector: the field index must be 0 or more, got "
                    + fieldIndex);
        }
        this.fieldIndex = fieldIndex;
        this.defaultTopicName = defaultTopicName;
    }

    @Override
    public String getTopic(Tuple tuple) {
        return fieldIndex < tuple.size() ? tuple.getString(fieldIndex) : defaultTopicName;
    }
}
