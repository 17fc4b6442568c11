package io.squall.kafka.trident.mapper;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/** Takes a Kafka record's key and value out of a Trident tuple, for {@link io.squall.kafka.trident.TridentKafkaState}. */
public interface TridentTupleToKafkaMapper<K, V> extends Serializable {
    K getKeyFromTuple(TridentTuple tuple);

    V getMessageFromTuple(TridentTuple tuple);
}
