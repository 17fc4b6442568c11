package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;
import java.util.Objects;

/** A translator made of a function and the fields (and stream) of what it returns. */
public class SimpleRecordTranslator<K, V> implements RecordTranslator<K, V> {
    private static final long serialVersionUID = 1L;

    private final Func<ConsumerRecord<K, V>, List<Object>> func;
    private final Fields fields;
    private final String stream;

    /** Tuples made by {@code func}, with {@code fields}, on the default stream. */
    public SimpleRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields) {
        this(func, fields, Utils.DEFAULT_STREAM_ID);
    }

    /** Tuples made by {@code func}, with {@code fields}, on {@code stream}. */
    public SimpleRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields, String stream) {
        this.func = Objects.requireNonNull(func, "func");
        this.fields = Objects.requireNonNull(fields, "fields");
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    @Override
    public List<Object> apply(ConsumerRecord<K, V> record) {
        List<Object> values = func.apply(record);
        if (values == null || values instanceof KafkaTuple) {
            return values;
        }
        KafkaTuple tuple = new KafkaTuple(values.toArray());
        return tuple.routedTo(stream);
    }

    @Override
    public Fields getFieldsFor(String stream) {
        return fields;
    }

    @Override
    public List<String> streams() {
        return List.of(stream);
    }
}
