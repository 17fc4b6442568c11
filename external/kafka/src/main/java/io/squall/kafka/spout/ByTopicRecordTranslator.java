package io.squall.kafka.spout;

import io.squall.tuple.Fields;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A translator per topic: a record of a topic given to {@link #forTopic} goes through that topic's translator, any
 * other through the default one. Each translator's tuples go to its own streams, so a spout reading several topics
 * can send each topic's tuples to another stream with other fields. A stream declared by two translators must have
 * the same fields in both.
 *
 * @param <K> the record key type
 * @param <V> the record value type
 */
public class ByTopicRecordTranslator<K, V> implements RecordTranslator<K, V> {
    private static final long serialVersionUID = 1L;

    private final RecordTranslator<K, V> defaultTranslator;
    private final Map<String, RecordTranslator<K, V>> byTopic = new HashMap<>();
    /** The fields of every stream any translator declares, in the order declared (the default's first). */
    private final Map<String, Fields> fieldsByStream = new LinkedHashMap<>();
    private List<String> streams = List.of();

    /**
     * Records of topics without a translator of their own become {@code func}'s tuples, with {@code fields}, on
     * {@code stream}.
     */
    public ByTopicRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields, String stream) {
        this(new SimpleRecordTranslator<>(func, fields, stream));
    }

    /** As {@link #ByTopicRecordTranslator(Func, Fields, String)} on the default stream. */
    public ByTopicRecordTranslator(Func<ConsumerRecord<K, V>, List<Object>> func, Fields fields) {
        this(new SimpleRecordTranslator<>(func, fields));
    }

    /** Records of topics without a translator of their own go through {@code defaultTranslator}. */
    public ByTopicRecordTranslator(RecordTranslator<K, V> defaultTranslator) {
        this.defaultTranslator = Objects.requireNonNull(defaultTranslator, "default translator");
        declare(defaultTranslator, "the default translator");
    }

    /** Records of {@code topic} become {@code func}'s tuples, with {@code fields}, on the default stream. */
    public ByTopicRecordTranslator<K, V> forTopic(String topic, Func<ConsumerRecord<K, V>, List<Object>> func,
                                                  Fields fields) {
        return forTopic(topic, new SimpleRecordTranslator<>(func, fields));
    }

    /** Records of {@code topic} become {@code func}'s tuples, with {@code fields}, on {@code stream}. */
    public ByTopicRecordTranslator<K, V> forTopic(String topic, Func<ConsumerRecord<K, V>, List<Object>> func,
                                                  Fields fields, String stream) {
        return forTopic(topic, new SimpleRecordTranslator<>(func, fields, stream));
    }

    /**
     * Records of {@code topic} go through {@code translator}.
     *
     * @throws IllegalStateException if the topic has a translator already, or the translator declares a stream
     *                               another one declared with other fields
     */
    public ByTopicRecordTranslator<K, V> forTopic(String topic, RecordTranslator<K, V> translator) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(translator, "translator");
        if (byTopic.containsKey(topic)) {
            throw new IllegalStateException("Topic '" + topic + "' has a translator already: give each topic one "
                    + "forTopic");
        }
        declare(translator, "the translator of topic '" + topic + "'");
        byTopic.put(topic, translator);
        return this;
    }

    private void declare(RecordTranslator<K, V> translator, String whose) {
        for (String stream : translator.streams()) {
            Fields fields = translator.getFieldsFor(stream);
            Fields before = fieldsByStream.get(stream);
            if (before != null && !before.toList().equals(fields.toList())) {
                throw new IllegalStateException(whose + " declares stream '" + stream + "' with fields " + fields
                        + ", but it was declared with " + before + ": a stream has one set of fields");
            }
        }
        for (String stream : translator.streams()) {
            fieldsByStream.putIfAbsent(stream, translator.getFieldsFor(stream));
        }
        streams = List.copyOf(fieldsByStream.keySet());
    }

    /**
     * The tuple of {@code record}'s topic's translator; values that are not a {@link KafkaTuple} routed elsewhere go to
     * that translator's first stream.
     */
    @Override
    public List<Object> apply(ConsumerRecord<K, V> record) {
        RecordTranslator<K, V> t = byTopic.getOrDefault(record.topic(), defaultTranslator);
        List<Object> values = t.apply(record);
        if (values == null) {
            return null;
        }
        KafkaTuple tuple = values instanceof KafkaTuple kt ? kt : new KafkaTuple(values.toArray());
        return tuple.getStream() != null ? tuple : tuple.routedTo(t.streams().get(0));
    }

    @Override
    public Fields getFieldsFor(String stream) {
        return fieldsByStream.get(stream);
    }

    @Override
    public List<String> streams() {
        return streams;
    }
}
