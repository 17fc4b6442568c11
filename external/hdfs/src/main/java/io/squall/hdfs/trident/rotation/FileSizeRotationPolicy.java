package io.squall.hdfs.trident.rotation;

import io.squall.trident.tuple.TridentTuple;

/** Rotates a file at the first commit at which it holds at least a given size. */
public class FileSizeRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;
    private final long maxBytes;
    private long lastOffset;
    private long currentBytesWritten;

    /**
     * @throws IllegalArgumentException when the size is not positive
     */
    public FileSizeRotationPolicy(float count, Units units) {
        this.maxBytes = (long) (count * units.getByteCount());
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("FileSizeRotationPolicy needs a size above 0 bytes, not " + maxBytes);
        }
    }

    @Override
    public boolean mark(TridentTuple tuple, long offset) {
        return mark(offset);
    }

    @Override
    public boolean mark(long offset) {
        currentBytesWritten += offset - lastOffset;
        lastOffset = offset;
        return currentBytesWritten >= maxBytes;
    }

    @Override
    public void reset() {
        currentBytesWritten = 0;
        lastOffset = 0;
    }

    @Override
    public void start() {
    }

    /** The size at which files rotate. */
    public long getMaxBytes() {
        return maxBytes;
    }

    /** Units of size, in powers of 1,024. */
    public enum Units {
        KB(1L << 10),
        MB(1L << 20),
        GB(1L << 30),
        TB(1L << 40);

        private final long byteCount;

        Units(long byteCount) {
            this.byteCount = byteCount;
        }

        /** Bytes in one unit. */
        public long getByteCount() {
            return byteCount;
        }
    }
}
