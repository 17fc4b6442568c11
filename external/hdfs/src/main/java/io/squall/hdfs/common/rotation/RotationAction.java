package io.squall.hdfs.common.rotation;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import java.io.IOException;
import java.io.Serializable;

/**
 * Something done with a file once it is rotated, that is closed and complete: moved, renamed, announced. Runs on the
 * writing bolt's executor thread (or the Trident state's), after the file's data is durable.
 */
public interface RotationAction extends Serializable {
    /**
     * @param fileSystem the file system of the file
     * @param filePath   the file just closed
     * @throws IOException when the action fails; it is reported, and the bolt goes on with its next file
     */
    void execute(FileSystem fileSystem, Path filePath) throws IOException;
}
