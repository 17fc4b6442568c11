package io.squall.hdfs.bolt.format;

import io.squall.task.TopologyContext;

import java.io.Serializable;
import java.util.Map;

/** Names the files an HDFS bolt writes: the directory they go to and the name of each. */
public interface FileNameFormat extends Serializable {
    /** Called once in the bolt's {@code prepare}, on its executor thread, before any name is asked for. */
    void prepare(Map<String, Object> conf, TopologyContext topologyContext);

    /**
     * The name of the next file.
     *
     * @param rotation  how many files of this bolt task (and partition) were opened before this one
     * @param timeStamp the time the file is opened, in epoch milliseconds
     */
    String getName(long rotation, long timeStamp);

    /** The directory of the files, absolute, without the file system's URL (for example {@code /data/out}). */
    String getPath();
}
