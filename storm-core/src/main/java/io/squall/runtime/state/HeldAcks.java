package io.squall.runtime.state;

import io.squall.runtime.api.RootAcks;
import io.squall.task.OutputCollector;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Acks a stateful task holds until a checkpoint commits. A tuple whose ack the executor can send from its numbers
 * ({@link RootAcks#detachable}) is kept as them, per root: the root, the XOR its ack sends and its replay key, 24
 * bytes in three growing arrays instead of the tuple, its values and its message id (about 200 bytes in the word
 * count, held for one to two checkpoint intervals, which the young collections copied and promoted). Tuples needed
 * whole, or with no {@link RootAcks} (a runtime that offers none), are kept as tuples. Executor thread only.
 */
final class HeldAcks {
    private static final int INITIAL_ROOTS = 1024;

    private long[] roots = new long[INITIAL_ROOTS];
    private long[] xors = new long[INITIAL_ROOTS];
    /** Per root, the replay key of its tree, or 0. */
    private long[] keys = new long[INITIAL_ROOTS];
    /** Roots held as numbers. */
    private int size;
    /** How many tuples those roots are. */
    private int detached;
    private final List<Tuple> whole = new ArrayList<>();

    /** Holds {@code input}'s ack; as numbers when {@code acks} is not null and allows it. */
    void add(Tuple input, RootAcks acks) {
        if (acks == null || !(input instanceof TupleImpl t) || !acks.detachable(input)) {
            whole.add(input);
            return;
        }
        MessageId id = t.getMessageId();
        int n = id.size();
        if (size + n > roots.length) {
            grow(size + n);
        }
        boolean keyed = id.hasReplayKeys();
        long ackVal = t.ackVal();
        for (int k = 0; k < n; k++) {
            roots[size] = id.root(k);
            xors[size] = id.edge(k) ^ ackVal;
            keys[size] = keyed ? id.replayKey(k) : 0;
            size++;
        }
        detached++;
    }

    private void grow(int atLeast) {
        int capacity = Math.max(atLeast, roots.length * 2);
        roots = Arrays.copyOf(roots, capacity);
        xors = Arrays.copyOf(xors, capacity);
        keys = Arrays.copyOf(keys, capacity);
    }

    /** Moves every ack {@code other} holds here; {@code other} is left empty. */
    void takeAll(HeldAcks other) {
        if (size + other.size > roots.length) {
            grow(size + other.size);
        }
        System.arraycopy(other.roots, 0, roots, size, other.size);
        System.arraycopy(other.xors, 0, xors, size, other.size);
        System.arraycopy(other.keys, 0, keys, size, other.size);
        size += other.size;
        detached += other.detached;
        whole.addAll(other.whole);
        other.clear();
    }

    /** How many tuples are held. */
    int tuples() {
        return detached + whole.size();
    }

    boolean isEmpty() {
        return tuples() == 0;
    }

    /** Calls {@code action} with the replay key of each root of each held tuple (0 for none), in the order held. */
    void forEachReplayKey(LongConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i]);
        }
        for (Tuple t : whole) {
            MessageId id = t.getMessageId();
            for (int k = 0; k < id.size(); k++) {
                action.accept(id.hasReplayKeys() ? id.replayKey(k) : 0);
            }
        }
    }

    /** Acks every held tuple and forgets them. */
    void ackAll(RootAcks acks, OutputCollector out) {
        if (detached > 0) {
            for (int i = 0; i < size; i++) {
                acks.ackRoot(roots[i], xors[i]);
            }
            acks.countAcked(detached);
        }
        whole.forEach(out::ack);
        clear();
    }

    /** Fails every held tuple and forgets them. */
    void failAll(RootAcks acks, OutputCollector out) {
        if (detached > 0) {
            for (int i = 0; i < size; i++) {
                acks.failRoot(roots[i]);
            }
            acks.countFailed(detached);
        }
        whole.forEach(out::fail);
        clear();
    }

    /** Forgets every held ack (the arrays keep their size: the next interval holds about as many). */
    void clear() {
        size = 0;
        detached = 0;
        whole.clear();
    }
}
