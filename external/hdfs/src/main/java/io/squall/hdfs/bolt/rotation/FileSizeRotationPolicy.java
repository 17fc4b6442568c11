package io.squall.hdfs.bolt.rotation;

import io.squall.tuple.Tuple;

/**
 * Rotates a file once it holds at least a given size: {@code new FileSizeRotationPolicy(5.0f, Units.MB)}. The
 * file ends with the record that crossed the size, so it may be larger by up to one record.
 */
public class FileSizeRotationPolicy implements FileRotationPolicy {
    private static final long serialVersionUID = 1L;
    private final long maxBytes;
    private long lastOffset;
    private long currentBytesWritten;

    /**
     * @throws IllegalArgumentException when the size is not positive
     */
    public FileSizeRotationPolicy(float count, Units units) {
        this((long) (count * units.getByteCount()));
    }

    /** Rotates at {@code maxBytes} bytes. */
    protected FileSizeRotationPolicy(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("FileSizeRotationPolicy needs a size above 0 bytes, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean mark(Tuple tuple, long offset) {
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
    public FileRotationPolicy copy() {
        return new FileSizeRotationPolicy(maxBytes);
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
