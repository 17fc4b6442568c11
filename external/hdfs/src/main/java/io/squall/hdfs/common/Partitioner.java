package io.squall.hdfs.common;

import io.squall.tuple.Tuple;

import java.io.Serializable;

/**
 * Sends tuples to sub-directories of an HDFS bolt's path: a bolt writing to {@code /data/out} whose partitioner
 * returns {@code /2026/12} for a tuple writes it to a file in {@code /data/out/2026/12}. Each partition has its own
 * open file, rotation count and policies.
 */
public interface Partitioner extends Serializable {
    /**
     * The tuple's directory relative to the bolt's path, starting with {@code /} (use {@code Path.SEPARATOR}), or
     * the empty string for the path itself.
     */
    String getPartitionPath(Tuple tuple);
}
