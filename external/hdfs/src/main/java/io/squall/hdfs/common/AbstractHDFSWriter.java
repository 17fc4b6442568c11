package io.squall.hdfs.common;

import io.squall.hdfs.bolt.Writer;
import io.squall.hdfs.bolt.rotation.FileRotationPolicy;
import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.Path;

import java.io.IOException;

/**
 * A {@link Writer} with its own copy of the bolt's rotation policy, which it asks after each tuple. Subclasses
 * write, sync and close; they keep {@link #offset} at the file's size. Confined to the bolt's executor thread.
 */
@SuppressWarnings("checkstyle:AbbreviationAsWordInName")
public abstract class AbstractHDFSWriter implements Writer {
    protected final Path filePath;
    protected final FileRotationPolicy rotationPolicy;
    /** When the file was opened, in epoch milliseconds (for timed rotation). */
    protected final long openedAtMillis;
    protected long offset;
    protected boolean needsRotation;

    /** A writer of {@code path}; the policy is copied, as the bolt has one for all its files. */
    protected AbstractHDFSWriter(FileRotationPolicy policy, Path path) {
        this.rotationPolicy = policy.copy();
        this.filePath = path;
        this.openedAtMillis = System.currentTimeMillis();
    }

    @Override
    public final long write(Tuple tuple) throws IOException {
        doWrite(tuple);
        needsRotation = rotationPolicy.mark(tuple, offset);
        return offset;
    }

    @Override
    public final void sync() throws IOException {
        doSync();
    }

    @Override
    public final void close() throws IOException {
        doClose();
    }

    @Override
    public boolean needsRotation() {
        return needsRotation;
    }

    @Override
    public Path getFilePath() {
        return filePath;
    }

    /** When the file was opened, in epoch milliseconds. */
    public long openedAtMillis() {
        return openedAtMillis;
    }

    /** Appends the tuple's record; advances {@link #offset}. */
    protected abstract void doWrite(Tuple tuple) throws IOException;

    /** Makes everything written so far durable (hsync). */
    protected abstract void doSync() throws IOException;

    /** Closes the file, which completes it. */
    protected abstract void doClose() throws IOException;
}
