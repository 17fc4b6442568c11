package io.squall.windowing;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/** Reads a tuple's event time, in milliseconds, for windows by event time. */
@FunctionalInterface
public interface TimestampExtractor extends Serializable {
    /**
     * The tuple's event time in milliseconds.
     *
     * @throws IllegalArgumentException if the tuple carries no usable timestamp
     */
    long extractTimestamp(Tuple tuple);
}
