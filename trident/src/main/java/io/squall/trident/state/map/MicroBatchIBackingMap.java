package io.squall.trident.state.map;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A backing map that hands its delegate at most a set number of keys per {@code multiGet} and {@code multiPut}: for
 * a store whose bulk calls have a size limit, or get slow past some size. Calls the delegate one chunk after the
 * other, in the keys' order, on the caller's thread.
 *
 * @param <T> what the backing map stores
 */
public class MicroBatchIBackingMap<T> implements IBackingMap<T>, AutoCloseable {
    private final IBackingMap<T> delegate;
    private final int getChunk;
    private final int putChunk;

    /**
     * Chunks the calls to {@code delegate} as {@code options} says.
     *
     * @throws IllegalArgumentException if a chunk size is negative
     */
    public MicroBatchIBackingMap(Options options, IBackingMap<T> delegate) {
        if (options.maxMultiGetBatchSize < 0 || options.maxMultiPutBatchSize < 0) {
            throw new IllegalArgumentException("MicroBatchIBackingMap chunk sizes must be 0 (no limit) or more, got "
                    + options.maxMultiGetBatchSize + " for gets and " + options.maxMultiPutBatchSize + " for puts");
        }
        this.delegate = delegate;
        this.getChunk = options.maxMultiGetBatchSize;
        this.putChunk = options.maxMultiPutBatchSize;
    }

    @Override
    public List<T> multiGet(List<List<Object>> keys) {
        int chunk = getChunk == 0 ? Math.max(1, keys.size()) : getChunk;
        List<T> ret = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += chunk) {
            ret.addAll(delegate.multiGet(new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + chunk)))));
        }
        return ret;
    }

    @Override
    public void multiPut(List<List<Object>> keys, List<T> vals) {
        int chunk = putChunk == 0 ? Math.max(1, keys.size()) : putChunk;
        for (int from = 0; from < keys.size(); from += chunk) {
            int to = Math.min(keys.size(), from + chunk);
            delegate.multiPut(new ArrayList<>(keys.subList(from, to)), new ArrayList<>(vals.subList(from, to)));
        }
    }

    @Override
    public void close() {
        if (delegate instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing " + c.getClass().getName() + " failed: " + e.getMessage(), e);
            }
        }
    }

    /** The most keys per call to the delegate; 0 (the default) passes each call through whole. */
    public static class Options implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The most keys per {@code multiGet}; 0: no limit. */
        public int maxMultiGetBatchSize = 0;
        /** The most keys per {@code multiPut}; 0: no limit. */
        public int maxMultiPutBatchSize = 0;
    }
}
