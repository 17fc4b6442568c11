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
    /** Per root, the key group (index among the task's own) whose state its tuple updated; 0 when not keyed. */
    private int[] groups = new int[INITIAL_ROOTS];
    /** Roots held as numbers. */
    private int size;
    /** How many tuples those roots are. */
    private int detached;
    private final List<Tuple> whole = new ArrayList<>();
    /** The key group of each of {@link #whole}. */
    private int[] wholeGroups = new int[16];

    /** Receives a held tuple's replay keys with the key group it updated. */
    interface GroupKeyConsumer {
        void accept(int group, long replayKey);
    }

    /** Holds {@code input}'s ack; as numbers when {@code acks} is not null and allows it. */
    void add(Tuple input, RootAcks acks) {
        add(input, acks, 0);
    }

    /** Holds the ack of {@code input}, which updated key group {@code group} (an index among the task's own). */
    void add(Tuple input, RootAcks acks, int group) {
        if (acks == null || !(input instanceof TupleImpl t) || !acks.detachable(input)) {
            addWhole(input, group);
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
            groups[size] = group;
            size++;
        }
        detached++;
    }

    private void addWhole(Tuple input, int group) {
        if (whole.size() == wholeGroups.length) {
            wholeGroups = Arrays.copyOf(wholeGroups, wholeGroups.length * 2);
        }
        wholeGroups[whole.size()] = group;
        whole.add(input);
    }

    private void grow(int atLeast) {
        int capacity = Math.max(atLeast, roots.length * 2);
        roots = Arrays.copyOf(roots, capacity);
        xors = Arrays.copyOf(xors, capacity);
        keys = Arrays.copyOf(keys, capacity);
        groups = Arrays.copyOf(groups, capacity);
    }

    /** Moves every ack {@code other} holds here; {@code other} is left empty. */
    void takeAll(HeldAcks other) {
        if (size + other.size > roots.length) {
            grow(size + other.size);
        }
        System.arraycopy(other.roots, 0, roots, size, other.size);
        System.arraycopy(other.xors, 0, xors, size, other.size);
        System.arraycopy(other.keys, 0, keys, size, other.size);
        System.arraycopy(other.groups, 0, groups, size, other.size);
        size += other.size;
        detached += other.detached;
        for (int i = 0; i < other.whole.size(); i++) {
            addWhole(other.whole.get(i), other.wholeGroups[i]);
        }
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
        forEachGroupAndReplayKey((group, key) -> action.accept(key));
    }

    /** As {@link #forEachReplayKey}, with the key group each tuple updated. */
    void forEachGroupAndReplayKey(GroupKeyConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(groups[i], keys[i]);
        }
        for (int w = 0; w < whole.size(); w++) {
            MessageId id = whole.get(w).getMessageId();
            for (int k = 0; k < id.size(); k++) {
                action.accept(wholeGroups[w], id.hasReplayKeys() ? id.replayKey(k) : 0);
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
