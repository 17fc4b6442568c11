package io.squall.hdfs.trident.format;

import io.squall.trident.tuple.TridentTuple;

import java.io.Serializable;

/** Turns a Trident tuple into the bytes {@link io.squall.hdfs.trident.HdfsState} appends to its file. */
public interface RecordFormat extends Serializable {
    /** The record for {@code tuple}, with its delimiter if it has one. */
    byte[] format(TridentTuple tuple);
}
