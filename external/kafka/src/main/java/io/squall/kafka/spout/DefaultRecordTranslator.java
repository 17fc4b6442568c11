package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/** Emits every record as {@code (topic, partition, offset, key, value)} on the default stream. */
public class DefaultRecordTranslator<K, V> implements RecordTranslator<K, V> {
    private static final long serialVersionUID = 1L;

    /** The fields of the tuples: topic, partition, offset, key, value. */
    public static final Fields FIELDS = new Fields("topic", "partition", "offset", "key", "value");

    @Override
    public List<Object> apply(ConsumerRecord<K, V> record) {
        return new Values(record.topic(), record.partition(), record.offset(), record.key(), record.value());
    }

    @Override
    public Fields getFieldsFor(String stream) {
        return FIELDS;
    }
}
