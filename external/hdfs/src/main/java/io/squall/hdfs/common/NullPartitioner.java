package io.squall.hdfs.common;

import io.squall.tuple.Tuple;

/** Writes every tuple to the bolt's path itself: no sub-directories. */
public class NullPartitioner implements Partitioner {
    private static final long serialVersionUID = 1L;

    @Override
    public String getPartitionPath(Tuple tuple) {
        return "";
    }
}
