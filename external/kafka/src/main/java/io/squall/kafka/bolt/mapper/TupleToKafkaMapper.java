package io.squall.kafka.bolt.mapper;

import io.squall.tuple.ITuple;

import java.io.Serializable;

/**
 * Takes a Kafka record's key and value out of a tuple, for {@link io.squall.kafka.bolt.KafkaBolt}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TupleToKafkaMapper<K, V> extends Serializable {
    /** The record key (may be null: Kafka then spreads records over partitions). */
    K getKeyFromTuple(ITuple tuple);

    /** The record value. */
    V getMessageFromTuple(ITuple tuple);
}
