package io.squall.kafka.trident.mapper;

import io.squall.trident.tuple.TridentTuple;

/** Takes the key and the value from two named fields of the Trident tuple. */
public class FieldNameBasedTupleToKafkaMapper<K, V> implements TridentTupleToKafkaMapper<K, V> {
    private static final long serialVersionUID = 1L;

    public final String keyFieldName;
    public final String msgFieldName;

    public FieldNameBasedTupleToKafkaMapper(String keyFieldName, String msgFieldName) {
        this.keyFieldName = keyFieldName;
        this.msgFieldName = msgFieldName;
    }

    @Override
    @SuppressWarnings("unchecked")
    public K getKeyFromTuple(TridentTuple tuple) {
        return tuple.contains(keyFieldName) ? (K) tuple.getValueByField(keyFieldName) : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public V getMessageFromTuple(TridentTuple tuple) {
        if (!tuple.contains(msgFieldName)) {
            throw new IllegalArgumentException("The Trident tuple has no field '" + msgFieldName + "' (it has "
                    + tuple.getFields() + "): pass the field to partitionPersist or fix the mapper's field name");
        }
        return (V) tuple.getValueByField(msgFieldName);
    }
}
