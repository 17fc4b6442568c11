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
 * ({@link RootAcks#detachable}) is kept as them, per root: the root, the XOR its ack sends and its replay key in a
 * slot, and the key group it updated, instead of the tuple, its values and its message id (about 200 bytes in the
 * word count, held for one to two checkpoint intervals, which the young collections copied and promoted). Tuples
 * needed whole, or with no {@link RootAcks} (a runtime that offers none), are kept as tuples.
 *
 * <p>Tuples of one tree held in a row (a sentence's words at a counter) share a slot: the acker XORs what each ack
 * sends into its tree's value, so one ack of the XOR of theirs leaves the tree as their acks one by one would, and
 * one fail fails the tree. In the word count that is about four tuples a slot: 11 bytes a tuple instead of 28, and a
 * commit sends a quarter of the acks. Executor thread only.
 */
final class HeldAcks {
    private static final int INITIAL_ROOTS = 1024;

    /** Per slot, the root of its tree, the XOR of its tuples' acks and their replay key (0: none). */
    private long[] roots = new long[INITIAL_ROOTS];
    private long[] xors = new long[INITIAL_ROOTS];
    private long[] keys = new long[INITIAL_ROOTS];
    /** Per slot, how many of {@link #groups} are its tuples'. */
    private int[] slotTuples = new int[INITIAL_ROOTS];
    /**
     * Per root of each tuple held as numbers, in the order held, the key group (index among the task's own) whose
     * state the tuple updated; 0 when not keyed.
     */
    private int[] groups = new int[INITIAL_ROOTS];
    /** Slots in use. */
    private int slots;
    /** Entries of {@link #groups} in use: the roots of the tuples held as numbers. */
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
        if (slots + n > roots.length) {
            growSlots(slots + n);
        }
        if (size + n > groups.length) {
            groups = Arrays.copyOf(groups, Math.max(size + n, groups.length * 2));
        }
        boolean keyed = id.hasReplayKeys();
        long ackVal = t.ackVal();
        if (n == 1 && slots > 0 && roots[slots - 1] == id.root(0)
                && keys[slots - 1] == (keyed ? id.replayKey(0) : 0)) {
            xors[slots - 1] ^= id.edge(0) ^ ackVal; // The tree's previous tuple: one ack sends both.
            slotTuples[slots - 1]++;
            groups[size++] = group;
            detached++;
            return;
        }
        for (int k = 0; k < n; k++) {
            roots[slots] = id.root(k);
            xors[slots] = id.edge(k) ^ ackVal;
            keys[slots] = keyed ? id.replayKey(k) : 0;
            slotTuples[slots] = 1;
            slots++;
            groups[size++] = group;
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

    private void growSlots(int atLeast) {
        int capacity = Math.max(atLeast, roots.length * 2);
        roots = Arrays.copyOf(roots, capacity);
        xors = Arrays.copyOf(xors, capacity);
        keys = Arrays.copyOf(keys, capacity);
        slotTuples = Arrays.copyOf(slotTuples, capacity);
    }

    /** Moves every ack {@code other} holds here; {@code other} is left empty. */
    void takeAll(HeldAcks other) {
        if (slots + other.slots > roots.length) {
            growSlots(slots + other.slots);
        }
        if (size + other.size > groups.length) {
            groups = Arrays.copyOf(groups, Math.max(size + other.size, groups.length * 2));
        }
        System.arraycopy(other.roots, 0, roots, slots, other.slots);
        System.arraycopy(other.xors, 0, xors, slots, other.slots);
        System.arraycopy(other.keys, 0, keys, slots, other.slots);
        System.arraycopy(other.slotTuples, 0, slotTuples, slots, other.slots);
        System.arraycopy(other.groups, 0, groups, size, other.size);
        slots += other.slots;
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
        for (int i = 0, g = 0; i < slots; i++) {
            for (int end = g + slotTuples[i]; g < end; g++) {
                action.accept(groups[g], keys[i]);
            }
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
            for (int i = 0; i < slots; i++) {
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
            for (int i = 0; i < slots; i++) {
                acks.failRoot(roots[i]);
            }
            acks.countFailed(detached);
        }
        whole.forEach(out::fail);
        clear();
    }

    /** Forgets every held ack (the arrays keep their size: the next interval holds about as many). */
    void clear() {
        slots = 0;
        size = 0;
        detached = 0;
        whole.clear();
    }
}
