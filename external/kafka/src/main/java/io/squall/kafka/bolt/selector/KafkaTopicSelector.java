package io.squall.kafka.bolt.selector;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/** Picks the topic a tuple is written to; null skips the tuple (it is acked, counted and logged). */
public interface KafkaTopicSelector extends Serializable {
    String getTopic(Tuple tuple);
}
