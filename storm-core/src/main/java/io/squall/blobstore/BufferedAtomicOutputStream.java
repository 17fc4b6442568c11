package io.squall.blobstore;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * An {@link AtomicOutputStream} that keeps what is written in memory and hands it to {@code commit} at
 * {@link #close()}: the blob changes in one step, or not at all. Not thread-safe.
 */
final class BufferedAtomicOutputStream extends AtomicOutputStream {
    /** What {@link #close()} does with the content. */
    interface Commit {
        void commit(byte[] content) throws IOException;
    }

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final Commit commit;
    private final String key;
    private boolean done;

    BufferedAtomicOutputStream(String key, Commit commit) {
        this.key = key;
        this.commit = commit;
    }

    @Override
    public void write(int b) throws IOException {
        open();
        buffer.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        open();
        buffer.write(b, off, len);
    }

    private void open() throws IOException {
        if (done) {
            throw new IOException("The stream of blob '" + key + "' is closed or cancelled");
        }
    }

    @Override
    public void cancel() {
        done = true;
        buffer.reset();
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            commit.commit(buffer.toByteArray());
        }
    }
}
