package io.squall.hdfs.spout;

/**
 * A position in a file that a {@link FileReader} can resume from: its {@code toString()} is what the spout writes
 * to the lock file, and what the reader's {@code (FileSystem, Path, Map, String)} constructor takes back.
 */
public interface FileOffset extends Comparable<FileOffset>, Cloneable {
    /** Whether {@code rhs} is the offset of the record right after this one. */
    boolean isNextOffset(FileOffset rhs);

    /** A copy that later reads do not change. */
    FileOffset clone();
}
