package io.squall.hdfs.bolt.format;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/** Turns a tuple into the key and value {@link io.squall.hdfs.bolt.SequenceFileBolt} appends to its file. */
public interface SequenceFormat extends Serializable {
    /** The class of the keys (for example {@code LongWritable.class}), written in the file's header. */
    Class<?> keyClass();

    /** The class of the values (for example {@code Text.class}), written in the file's header. */
    Class<?> valueClass();

    /** The key to write for {@code tuple}; an instance of {@link #keyClass()}. */
    Object key(Tuple tuple);

    /** The value to write for {@code tuple}; an instance of {@link #valueClass()}. */
    Object value(Tuple tuple);
}
