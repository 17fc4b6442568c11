package io.squall.kafka.trident.selector;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/** Picks the topic a Trident tuple is written to; null skips the tuple (counted and logged). */
public interface KafkaTopicSelector extends Serializable {
    String getTopic(TridentTuple tuple);
}
