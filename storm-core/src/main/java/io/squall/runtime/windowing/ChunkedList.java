package io.squall.runtime.windowing;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A list the engine builds by appending and then hands out read-only (a fired window, its new and expired events):
 * references in chunks of {@value HeldEvents#CHUNK}, never one array of the whole window. A window of a million
 * tuples in one {@code Object[]} is a 4 MB array, which G1 allocates as a humongous object in the old generation;
 * there it outlives its window until a concurrent cycle frees it, and every young collection meanwhile treats the
 * tuples it points to as live, copying and promoting a window that is gone. Chunks of 16 KB are ordinary young
 * objects that die with the window. Appending allocates a chunk every {@value HeldEvents#CHUNK} elements and copies
 * nothing already added. The {@link java.util.List} methods that change the list throw
 * {@link UnsupportedOperationException}; only the owner appends, before handing the list out. Not thread-safe.
 *
 * @param <T> the element type
 */
final class ChunkedList<T> extends AbstractList<T> implements RandomAccess {
    private static final int SHIFT = 12;
    private static final int CHUNK = 1 << SHIFT;
    private static final int MASK = CHUNK - 1;

    private Object[][] chunks = new Object[1][];
    private int size;

    /** The first chunk's length: as asked for, up to a chunk; it grows to a whole chunk when it fills. */
    private final int firstLength;

    /** An empty list. */
    ChunkedList() {
        this(16);
    }

    /** An empty list that expects {@code expected} elements (a short window gets a short array, not a chunk). */
    ChunkedList(int expected) {
        firstLength = Math.max(1, Math.min(CHUNK, expected));
    }

    /** Appends {@code value} (owner only, before the list is handed out). */
    void append(T value) {
        Object[] chunk = chunkFor(size);
        chunk[size & MASK] = value;
        size++;
    }

    /** Appends {@code n} elements of {@code src} from {@code pos} (owner only, before the list is handed out). */
    void append(Object[] src, int pos, int n) {
        while (n > 0) {
            Object[] chunk = chunkFor(size);
            int k = Math.min(n, chunk.length - (size & MASK));
            System.arraycopy(src, pos, chunk, size & MASK, k);
            size += k;
            pos += k;
            n -= k;
        }
    }

    private Object[] chunkFor(int index) {
        int c = index >>> SHIFT;
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        Object[] chunk = chunks[c];
        if (chunk == null) {
            chunk = new Object[c == 0 ? firstLength : CHUNK];
            chunks[c] = chunk;
        } else if ((index & MASK) == chunk.length) {
            chunk = Arrays.copyOf(chunk, Math.min(CHUNK, chunk.length * 2)); // Only the first chunk is ever short.
            chunks[c] = chunk;
        }
        return chunk;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Index " + index + " of a window list of " + size + " events");
        }
        return (T) chunks[index >>> SHIFT][index & MASK];
    }

    @Override
    public int size() {
        return size;
    }
}
