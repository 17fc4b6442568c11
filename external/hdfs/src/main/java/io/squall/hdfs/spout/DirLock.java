package io.squall.hdfs.spout;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileNotFoundException;
import java.io.IOException;

/**
 * A lock on a directory, the file {@link #DIR_LOCK_FILE} in it: the spouts of a topology take it while they look
 * for abandoned file locks to take over, so that two of them never take the same one.
 */
public final class DirLock {
    /** The lock file's name. */
    public static final String DIR_LOCK_FILE = "DIRLOCK";
    private static final Logger LOG = LoggerFactory.getLogger(DirLock.class);
    private final FileSystem fs;
    private final Path lockFile;

    private DirLock(FileSystem fs, Path lockFile) {
        this.fs = fs;
        this.lockFile = lockFile;
    }

    /** Locks {@code dir}, or returns null when someone holds its lock. */
    public static DirLock tryLock(FileSystem fs, Path dir) throws IOException {
        Path lockFile = new Path(dir, DIR_LOCK_FILE);
        FSDataOutputStream out = Locks.tryCreate(fs, lockFile);
        if (out == null) {
            return null;
        }
        out.close();
        return new DirLock(fs, lockFile);
    }

    /**
     * Takes the lock of {@code dir} from a holder that kept it over {@code lockTimeoutSec} (it crashed while
     * holding it), or returns null.
     */
    public static DirLock takeOwnershipIfStale(FileSystem fs, Path dir, int lockTimeoutSec) throws IOException {
        Path lockFile = new Path(dir, DIR_LOCK_FILE);
        try {
            long modified = fs.getFileStatus(lockFile).getModificationTime();
            if (modified > System.currentTimeMillis() - lockTimeoutSec * 1000L) {
                return null;
            }
            if (!Locks.recoverLease(fs, lockFile) || !fs.delete(lockFile, false)) {
                return null; // Another spout deleted it first, to take it.
            }
        } catch (FileNotFoundException e) {
            // Released meanwhile: try to take it as usual.
        }
        LOG.info("Took over the stale directory lock {}", lockFile);
        return tryLock(fs, dir);
    }

    /** Releases the lock. */
    public void release() throws IOException {
        if (!fs.delete(lockFile, false)) {
            throw new IOException("Could not delete the directory lock " + lockFile + "; another spout takes it over"
                    + " once it is stale");
        }
    }

    /** The lock file. */
    public Path getLockFile() {
        return lockFile;
    }
}
