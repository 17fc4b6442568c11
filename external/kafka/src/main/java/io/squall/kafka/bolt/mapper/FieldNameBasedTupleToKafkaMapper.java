package io.squall.kafka.bolt.mapper;

import io.squall.tuple.ITuple;

/**
 * Takes the key and the value from two fields of the tuple, by default {@code "key"} and {@code "message"}. A tuple
 * without the key field gives a null key; one without the value field is an error naming the field.
 */
public class FieldNameBasedTupleToKafkaMapper<K, V> implements TupleToKafkaMapper<K, V> {
    private static final long serialVersionUID = 1L;

    public static final String BOLT_KEY = "key";
    public static final String BOLT_MESSAGE = "message";

    public final String boltKeyField;
    public final String boltMessageField;

    /** Fields "key" and "message". */
    public FieldNameBasedTupleToKafkaMapper() {
        this(BOLT_KEY, BOLT_MESSAGE);
    }

    public FieldNameBasedTupleToKafkaMapper(String boltKeyField, String boltMessageField) {
        this.boltKeyField = boltKeyField;
        this.boltMessageField = boltMessageField;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getKeyFromTuple(ITuple tuple) {
        return tuple.contains(boltKeyField) ? (K) tuple.getValueByField(boltKeyField) : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getMessageFromTuple(ITuple tuple) {
        if (!tuple.contains(boltMessageField)) {
            throw new IllegalArgumentException("The tuple has no field '" + boltMessageField + "' (it has "
                    + tuple.getFields() + "): declare it upstream, or give FieldNameBasedTupleToKafkaMapper the name "
                    + "of the field that holds the message");
        }
        return (V) tuple.getValueByField(boltMessageField);
    }
}
