package io.squall.hdfs.bolt;

import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/** One open output file of an HDFS bolt. Confined to the bolt's executor thread. */
public interface Writer {
    /**
     * Appends the tuple's record.
     *
     * @return the file's size after it, in bytes
     */
    long write(Tuple tuple) throws IOException;

    /** Makes everything written so far durable (hsync). */
    void sync() throws IOException;

    /** Closes the file, which completes it. */
    void close() throws IOException;

    /** Whether the rotation policy asked, at the last write, for the file to be rotated. */
    boolean needsRotation();

    /** The file written. */
    Path getFilePath();
}
