package io.squall.hdfs.trident.format;

import io.squall.trident.tuple.TridentTuple;
import org.apache.hadoop.io.Writable;

import java.io.Serializable;

/** Turns a Trident tuple into the key and value {@link io.squall.hdfs.trident.HdfsState} appends to a sequence file. */
public interface SequenceFormat extends Serializable {
    /** The class of the keys, written in the file's header. */
    Class<?> keyClass();

    /** The class of the values, written in the file's header. */
    Class<?> valueClass();

    /** The key to write for {@code tuple}. */
    Writable key(TridentTuple tuple);

    /** The value to write for {@code tuple}. */
    Writable value(TridentTuple tuple);
}
