package io.squall.runtime.acker;

import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A spout executor's pending trees, indexed by the tree's sequence number: the executor hands out roots in
 * sequence ({@link #nextRoot}, the sequence in the root's high bits, see {@link SpoutRoots}) and a tree's entry
 * sits in slot {@code sequence & mask} of a ring of columns (root, emit time, XOR of edges, timeout generation;
 * owner and message id). Emit, ack, fail and timeout therefore touch memory in emit order, find an entry with
 * no hashing and no probing, and allocate nothing per tree.
 *
 * <p>Trees usually end in about the order they were emitted, so the live entries fill a short run of slots
 * behind the newest. The ring needs room from its oldest live entry (the tail) to the newest: when that span
 * reaches the capacity, the tail first skips the slots whose trees ended; if the ring is still full and at least
 * half its slots are live, it doubles (a larger {@code max.spout.pending}, or none); otherwise a few stragglers
 * hold the tail back, and the oldest live entries move to a map by root until half the ring is free. Memory so
 * stays within a few times the number of pending trees, whatever order they end in, and each emit pays for at most
 * one slot skipped or moved, on average.
 *
 * <p>Timeouts work as in {@link RotatingIndex}: {@link #rotate} opens a new generation and expires every entry
 * put or touched {@code numBuckets} generations ago, so an entry expires on the {@code numBuckets}-th rotation
 * after its last put or {@link #touch}; a rotation scans the live span (seconds apart).
 *
 * <p>An ended entry's values are handed back through {@link #endedOwner}, {@link #endedMessageId} and
 * {@link #endedEmitNanos}, valid until the next call that ends an entry. Single-threaded: owned by one executor.
 *
 * @param <T> what the owner records per tree (the spout task that emitted it)
 */
public final class PendingRing<T> {
    /** What {@link #update} did. */
    public static final int ABSENT = -1;
    public static final int PENDING = 0;
    public static final int COMPLETED = 1;

    private static final long SEQUENCE_MASK = -1L >>> SpoutRoots.TASK_BITS;
    private static final int MIN_CAPACITY = 16;
    /**
     * The most slots a ring starts with (640 KiB): a large {@code max.spout.pending} is a cap more often than what is
     * pending, so beyond this the ring grows as trees are really pending.
     */
    private static final int MAX_INITIAL_CAPACITY = 1 << 14;
    /** Longs per slot: root (0 when free), emit time, XOR of the edges, generation. */
    private static final int STRIDE = 4;
    private static final int EMIT = 1;
    private static final int XOR = 2;
    private static final int GENERATION = 3;

    /** Called for each expired tree, after the rotation took every expired entry out. */
    @FunctionalInterface
    public interface Expired<T> {
        void expired(T owner, Object messageId);
    }

    private final int numBuckets;
    /** {@link #STRIDE} longs per slot, slot {@code sequence & mask}. */
    private long[] longs;
    /**
     * Two references per slot: owner, message id. An ended slot keeps its owner (the executor's tasks outlive the
     * ring) and {@link #add} stores one only when it differs: under G1 every reference store into this long-lived
     * array runs the collector's write barrier, whose memory fence waits for the tuple's fresh stores, so a tree
     * pays for one store (its message id) instead of two.
     */
    private Object[] refs;
    private int mask;
    /** The sequence the next root gets. */
    private long head;
    /** No live entry in the ring has a sequence before this one. */
    private long tail;
    /** Live entries in the ring (not counting the spilled ones). */
    private int live;
    private int generation;
    /** Entries moved out of the ring by root, because stragglers held the tail back. */
    private final Long2ObjectHashMap<Spilled<T>> spilled = new Long2ObjectHashMap<>();

    private T endedOwner;
    private Object endedMessageId;
    private long endedEmitNanos;

    private static final class Spilled<T> {
        final T owner;
        final Object messageId;
        final long emitNanos;
        long xor;
        int generation;

        Spilled(T owner, Object messageId, long emitNanos, long xor, int generation) {
            this.owner = owner;
            this.messageId = messageId;
            this.emitNanos = emitNanos;
            this.xor = xor;
            this.generation = generation;
        }
    }

    /**
     * A ring whose entries expire on the {@code numBuckets}-th rotation (at least 2), with room for about
     * {@code expectedPending} trees (up to {@value #MAX_INITIAL_CAPACITY} slots) before it first grows, and whose first root has sequence {@code firstSequence}
     * (random, so that a restarted spout does not reuse the roots its predecessor had pending).
     */
    public PendingRing(int numBuckets, int expectedPending, long firstSequence) {
        if (numBuckets < 2) {
            throw new IllegalArgumentException("PendingRing needs at least 2 buckets, got " + numBuckets);
        }
        this.numBuckets = numBuckets;
        int capacity = MIN_CAPACITY;
        while (capacity < 2L * expectedPending && capacity < MAX_INITIAL_CAPACITY) {
            capacity <<= 1;
        }
        allocate(capacity);
        head = firstSequence & SEQUENCE_MASK;
        tail = head;
    }

    /**
     * The root of the next tree {@code task} emits; {@link #add} records it once its tuples are sent. A root never
     * added only leaves its slot free.
     */
    public long nextRoot(int task) {
        if (span() > mask) {
            makeRoom();
        }
        long sequence = head;
        head = (head + 1) & SEQUENCE_MASK;
        return SpoutRoots.root(sequence, task);
    }

    /** Records the tree of {@code root}, the last root {@link #nextRoot} gave, in the newest generation. */
    public void add(long root, T owner, Object messageId, long emitNanos, long xor) {
        long sequence = root >>> SpoutRoots.TASK_BITS;
        int slot = (int) sequence & mask;
        if (root == 0 || !inSpan(sequence) || longs[slot * STRIDE] != 0) {
            // Only if another root was handed out and the ring moved on in between: keep it by root.
            spilled.put(root, new Spilled<>(owner, messageId, emitNanos, xor, generation));
            return;
        }
        int i = slot * STRIDE;
        longs[i] = root;
        longs[i + EMIT] = emitNanos;
        longs[i + XOR] = xor;
        longs[i + GENERATION] = generation;
        if (refs[slot * 2] != owner) {
            refs[slot * 2] = owner;
        }
        refs[slot * 2 + 1] = messageId;
        live++;
    }

    /**
     * XORs {@code xor} into the tree of {@code root}: {@link #COMPLETED} if that made it zero (the entry is ended,
     * its values in {@link #endedOwner} and the others), {@link #PENDING} if not, {@link #ABSENT} if no such tree
     * is pending (it ended or timed out already).
     */
    public int update(long root, long xor) {
        int slot = slotOf(root);
        if (slot >= 0) {
            int i = slot * STRIDE + XOR;
            if ((longs[i] ^= xor) != 0) {
                return PENDING;
            }
            endSlot(slot);
            return COMPLETED;
        }
        Spilled<T> s = spilled.isEmpty() ? null : spilled.get(root);
        if (s == null) {
            return ABSENT;
        }
        if ((s.xor ^= xor) != 0) {
            return PENDING;
        }
        endSpilled(root, s);
        return COMPLETED;
    }

    /** Ends the tree of {@code root} (values in {@link #endedOwner} and the others); false if it is not pending. */
    public boolean remove(long root) {
        int slot = slotOf(root);
        if (slot >= 0) {
            endSlot(slot);
            return true;
        }
        Spilled<T> s = spilled.isEmpty() ? null : spilled.get(root);
        if (s == null) {
            return false;
        }
        endSpilled(root, s);
        return true;
    }

    /** Restarts the timeout of the tree of {@code root}; false if it is not pending. */
    public boolean touch(long root) {
        int slot = slotOf(root);
        if (slot >= 0) {
            longs[slot * STRIDE + GENERATION] = generation;
            return true;
        }
        Spilled<T> s = spilled.isEmpty() ? null : spilled.get(root);
        if (s == null) {
            return false;
        }
        s.generation = generation;
        return true;
    }

    /**
     * Opens a new generation and ends every tree put or touched {@code numBuckets} generations ago or earlier; then
     * calls {@code expired} for each, oldest first, so a callback that emits again finds a ring in order.
     */
    public void rotate(Expired<T> expired) {
        generation++;
        int oldest = generation - numBuckets;
        List<Object> ended = null;
        for (long n = span(), k = 0; k < n; k++) {
            int slot = (int) ((tail + k) & SEQUENCE_MASK) & mask;
            int i = slot * STRIDE;
            if (longs[i] != 0 && (int) longs[i + GENERATION] - oldest <= 0) {
                ended = ended != null ? ended : new ArrayList<>();
                endSlot(slot);
                ended.add(endedOwner);
                ended.add(endedMessageId);
            }
        }
        for (Iterator<Spilled<T>> it = spilled.values().iterator(); it.hasNext(); ) {
            Spilled<T> s = it.next();
            if (s.generation - oldest <= 0) {
                ended = ended != null ? ended : new ArrayList<>();
                it.remove();
                ended.add(s.owner);
                ended.add(s.messageId);
            }
        }
        skipEnded();
        if (ended != null) {
            for (int k = 0; k < ended.size(); k += 2) {
                @SuppressWarnings("unchecked")
                T owner = (T) ended.get(k);
                expired.expired(owner, ended.get(k + 1));
            }
        }
    }

    /** The owner of the entry the last {@link #update}, {@link #remove} or rotation ended. */
    public T endedOwner() {
        return endedOwner;
    }

    /** The message id of the entry last ended. */
    public Object endedMessageId() {
        return endedMessageId;
    }

    /** The emit time of the entry last ended. */
    public long endedEmitNanos() {
        return endedEmitNanos;
    }

    /** Number of pending trees. */
    public int size() {
        return live + spilled.size();
    }

    /** Slots in the ring (it grows by doubling). */
    public int capacity() {
        return mask + 1;
    }

    /** Pending trees kept outside the ring, by root, because older stragglers held its tail. */
    public int spilledCount() {
        return spilled.size();
    }

    /** Sequences from the tail to the head, each with a slot of its own. */
    private long span() {
        return (head - tail) & SEQUENCE_MASK;
    }

    private boolean inSpan(long sequence) {
        return ((sequence - tail) & SEQUENCE_MASK) < span();
    }

    /** The slot of the pending tree {@code root} in the ring, or -1. */
    private int slotOf(long root) {
        long sequence = root >>> SpoutRoots.TASK_BITS;
        if (root == 0 || !inSpan(sequence)) {
            return -1;
        }
        int slot = (int) sequence & mask;
        return longs[slot * STRIDE] == root ? slot : -1;
    }

    @SuppressWarnings("unchecked")
    private void endSlot(int slot) {
        int i = slot * STRIDE;
        endedEmitNanos = longs[i + EMIT];
        longs[i] = 0;
        endedOwner = (T) refs[slot * 2];
        endedMessageId = refs[slot * 2 + 1];
        refs[slot * 2 + 1] = null;
        live--;
    }

    private void endSpilled(long root, Spilled<T> s) {
        spilled.remove(root);
        endedOwner = s.owner;
        endedMessageId = s.messageId;
        endedEmitNanos = s.emitNanos;
    }

    /** Moves the tail past the slots whose trees ended. */
    private void skipEnded() {
        while (tail != head && longs[((int) tail & mask) * STRIDE] == 0) {
            tail = (tail + 1) & SEQUENCE_MASK;
        }
    }

    /** The ring is full from tail to head: skip ended slots, then grow if dense, else spill the oldest stragglers. */
    private void makeRoom() {
        skipEnded();
        if (span() <= mask) {
            return;
        }
        if (live * 2L >= capacity()) {
            grow();
            return;
        }
        long keep = capacity() / 2;
        while (span() > keep) {
            int slot = (int) tail & mask;
            int i = slot * STRIDE;
            long root = longs[i];
            if (root != 0) {
                @SuppressWarnings("unchecked")
                T owner = (T) refs[slot * 2];
                spilled.put(root, new Spilled<>(owner, refs[slot * 2 + 1], longs[i + EMIT], longs[i + XOR],
                        (int) longs[i + GENERATION]));
                longs[i] = 0;
                refs[slot * 2] = null;
                refs[slot * 2 + 1] = null;
                live--;
            }
            tail = (tail + 1) & SEQUENCE_MASK;
        }
        skipEnded();
    }

    private void grow() {
        long[] oldLongs = longs;
        Object[] oldRefs = refs;
        int oldMask = mask;
        allocate(capacity() * 2);
        for (long n = span(), k = 0; k < n; k++) {
            long sequence = (tail + k) & SEQUENCE_MASK;
            int from = (int) sequence & oldMask;
            if (oldLongs[from * STRIDE] != 0) {
                int to = (int) sequence & mask;
                System.arraycopy(oldLongs, from * STRIDE, longs, to * STRIDE, STRIDE);
                refs[to * 2] = oldRefs[from * 2];
                refs[to * 2 + 1] = oldRefs[from * 2 + 1];
            }
        }
    }

    private void allocate(int capacity) {
        longs = new long[capacity * STRIDE];
        refs = new Object[capacity * 2];
        mask = capacity - 1;
    }
}
