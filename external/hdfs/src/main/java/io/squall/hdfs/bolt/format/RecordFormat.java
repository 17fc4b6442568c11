package io.squall.hdfs.bolt.format;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/** Turns a tuple into the bytes {@link io.squall.hdfs.bolt.HdfsBolt} appends to its file. */
public interface RecordFormat extends Serializable {
    /** The record for {@code tuple}, with its delimiter if it has one. */
    byte[] format(Tuple tuple);
}
