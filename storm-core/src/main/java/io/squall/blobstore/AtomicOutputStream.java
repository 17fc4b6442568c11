package io.squall.blobstore;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The content of a blob being created or updated: nothing is visible to readers until {@link #close()}, which makes
 * the whole content the blob's new version at once; {@link #cancel()} drops it. Not thread-safe.
 */
public abstract class AtomicOutputStream extends OutputStream {
    /** Drops what was written: the blob stays as it was (a blob being created is not created). */
    public abstract void cancel() throws IOException;
}
