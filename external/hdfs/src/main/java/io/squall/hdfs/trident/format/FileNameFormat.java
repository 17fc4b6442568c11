package io.squall.hdfs.trident.format;

import java.io.Serializable;
import java.util.Map;

/** Names the files a Trident {@link io.squall.hdfs.trident.HdfsState} writes. */
public interface FileNameFormat extends Serializable {
    /** Called once when the state of partition {@code partitionIndex} is made, before any name is asked for. */
    void prepare(Map<String, Object> conf, int partitionIndex, int numPartitions);

    /**
     * The name of the next file.
     *
     * @param rotation  how many files this partition opened before this one
     * @param timeStamp the time the file is opened, in epoch milliseconds
     */
    String getName(long rotation, long timeStamp);

    /** The directory of the files, absolute, without the file system's URL. */
    String getPath();
}
