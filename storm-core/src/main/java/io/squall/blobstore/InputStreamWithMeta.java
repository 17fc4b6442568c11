package io.squall.blobstore;

import java.io.IOException;
import java.io.InputStream;

/** The content of one version of a blob, with that version and its length. Not thread-safe. */
public abstract class InputStreamWithMeta extends InputStream {
    /** The version this stream reads. */
    public abstract long getVersion() throws IOException;

    /** The length of the content in bytes. */
    public abstract long getFileLength() throws IOException;
}
