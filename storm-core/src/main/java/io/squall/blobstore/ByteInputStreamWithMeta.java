package io.squall.blobstore;

import java.io.ByteArrayInputStream;

/** One version of a blob read whole into memory. Not thread-safe. */
final class ByteInputStreamWithMeta extends InputStreamWithMeta {
    private final ByteArrayInputStream in;
    private final long version;
    private final long length;

    ByteInputStreamWithMeta(byte[] content, long version) {
        this.in = new ByteArrayInputStream(content);
        this.version = version;
        this.length = content.length;
    }

    @Override
    public long getVersion() {
        return version;
    }

    @Override
    public long getFileLength() {
        return length;
    }

    @Override
    public int read() {
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
        return in.read(b, off, len);
    }

    @Override
    public int available() {
        return in.available();
    }
}
