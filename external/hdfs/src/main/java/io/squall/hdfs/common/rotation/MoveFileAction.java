package io.squall.hdfs.common.rotation;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * Moves each rotated file into a directory, keeping its name: {@code new MoveFileAction().toDestination("/done/")}.
 * The directory is created if it does not exist.
 */
public class MoveFileAction implements RotationAction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MoveFileAction.class);
    private String destination;

    /** The directory the files go to. */
    public MoveFileAction toDestination(String destDir) {
        this.destination = destDir;
        return this;
    }

    /**
     * @throws IOException when no destination was given or the file cannot be moved (HDFS's rename said no:
     *                     the file is gone or one of that name is there already)
     */
    @Override
    public void execute(FileSystem fileSystem, Path filePath) throws IOException {
        if (destination == null) {
            throw new IOException("MoveFileAction has no destination for " + filePath
                    + "; give one with toDestination(\"/dir/\")");
        }
        Path dir = new Path(destination);
        Path target = new Path(dir, filePath.getName());
        if (!fileSystem.exists(dir)) {
            fileSystem.mkdirs(dir);
        }
        if (!fileSystem.rename(filePath, target)) {
            throw new IOException("Could not move " + filePath + " to " + target
                    + ": the file is gone, or the destination holds a file of that name");
        }
        LOG.info("Moved {} to {}", filePath, target);
    }
}
