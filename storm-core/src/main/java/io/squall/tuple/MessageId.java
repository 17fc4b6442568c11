package io.squall.tuple;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The tuple-tree membership of one tuple: for each root id (one per spout tuple it descends from)
 * the random edge id this tuple carries. The XOR of all edge ids of a tree, each added once when
 * created and once when acked, is zero exactly when the tree is complete. In a topology with stateful
 * bolts each root also has a replay key: the same for every emit of the spout tuple's message id, so a
 * stateful bolt can recognise a replay whose updates it has committed. Such ids are of a subclass, so the ids
 * of other topologies are no larger than without keys. Immutable.
 */
public sealed class MessageId {
    private static final MessageId UNANCHORED = new MessageId(0, 0L, 0L, null, null);

    /** Number of trees. */
    private final int size;
    /** The root and edge when the tuple is in exactly one tree (the common case: no arrays to allocate). */
    private final long root0;
    private final long edge0;
    /** The roots and edges when the tuple is in several trees, else null. */
    private final long[] roots;
    private final long[] edges;

    private MessageId(int size, long root0, long edge0, long[] roots, long[] edges) {
        this.size = size;
        this.root0 = root0;
        this.edge0 = edge0;
        this.roots = roots;
        this.edges = edges;
    }

    private static MessageId make(int size, long root0, long edge0, long[] roots, long[] edges, long[] keys) {
        return keys == null ? new MessageId(size, root0, edge0, roots, edges)
                : new Keyed(size, root0, edge0, roots, edges, keys);
    }

    /** The id of a tuple that belongs to no tree. */
    public static MessageId unanchored() {
        return UNANCHORED;
    }

    /** The id of a tuple in a single tree. */
    public static MessageId of(long root, long edge) {
        return new MessageId(1, root, edge, null, null);
    }

    /** The id of a tuple in a single tree whose replay key is {@code keys[0]}, or that has none when null. */
    public static MessageId of(long root, long edge, long[] keys) {
        return make(1, root, edge, null, null, keys);
    }

    /** An id with the given parallel arrays of roots and edges; the arrays are taken, not copied. */
    public static MessageId of(long[] roots, long[] edges) {
        return of(roots, edges, null);
    }

    /**
     * An id with the given parallel arrays of roots, edges and replay keys ({@code keys} null when there are
     * none); the arrays are taken, not copied.
     */
    public static MessageId of(long[] roots, long[] edges, long[] keys) {
        if (roots.length != edges.length || keys != null && keys.length != roots.length) {
            throw new IllegalArgumentException("roots, edges and replay keys differ in length");
        }
        return switch (roots.length) {
            case 0 -> UNANCHORED;
            case 1 -> of(roots[0], edges[0], keys);
            default -> make(roots.length, 0L, 0L, roots, edges, keys);
        };
    }

    /** Storm's name for {@link #unanchored()}: the id of a tuple in no tree. */
    public static MessageId makeUnanchored() {
        return unanchored();
    }

    /** Storm's name for {@link #of(long, long)}: the id of a tuple in the one tree {@code root}, with edge {@code edge}. */
    public static MessageId makeRootId(long root, long edge) {
        return of(root, edge);
    }

    /** Storm's: the id of a tuple in the trees of {@code anchorsToIds}'s keys (roots), each with its value as edge. */
    public static MessageId makeId(Map<Long, Long> anchorsToIds) {
        long[] roots = new long[anchorsToIds.size()];
        long[] edges = new long[roots.length];
        int i = 0;
        for (Map.Entry<Long, Long> e : anchorsToIds.entrySet()) {
            roots[i] = e.getKey();
            edges[i++] = e.getValue();
        }
        return of(roots, edges);
    }

    /** Storm's: a random id, for a root or an edge. */
    public static long generateId(Random rand) {
        return rand.nextLong();
    }

    /** Storm's view of this id: each tree's root to this tuple's edge in it (empty when unanchored). */
    public Map<Long, Long> getAnchorsToIds() {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            out.put(root(i), edge(i));
        }
        return out;
    }

    /** Storm's: the roots of the trees this tuple is in. */
    public Set<Long> getAnchors() {
        return getAnchorsToIds().keySet();
    }

    /** The id of a child anchored to this tuple alone: the same trees and replay keys, {@code edge} in each. */
    public MessageId child(long edge) {
        if (roots == null) {
            return make(size, root0, edge, null, null, keys());
        }
        long[] childEdges = new long[size];
        Arrays.fill(childEdges, edge);
        return make(size, 0L, 0L, roots, childEdges, keys());
    }

    /** Whether the roots have replay keys (the topology has a stateful bolt and the spout gave message ids). */
    public boolean hasReplayKeys() {
        return false;
    }

    /**
     * The replay key of the root at position {@code i}.
     *
     * @throws IllegalStateException unless {@link #hasReplayKeys()}
     */
    public long replayKey(int i) {
        throw new IllegalStateException("A message id without replay keys (the topology has no stateful bolt)");
    }

    /** The replay keys, parallel to the roots, or null. */
    long[] keys() {
        return null;
    }

    /** Number of trees this tuple belongs to. */
    public int size() {
        return size;
    }

    /** Whether this tuple belongs to no tree. */
    public boolean isUnanchored() {
        return size == 0;
    }

    /** The root id at position {@code i}. */
    public long root(int i) {
        if (roots != null) {
            return roots[i];
        }
        checkIndex(i);
        return root0;
    }

    /** The edge id at position {@code i}. */
    public long edge(int i) {
        if (edges != null) {
            return edges[i];
        }
        checkIndex(i);
        return edge0;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Tree " + i + " of a message id in " + size + " trees");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MessageId m) || m.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (root(i) != m.root(i) || edge(i) != m.edge(i)) {
                return false;
            }
        }
        return Arrays.equals(keys(), m.keys());
    }

    @Override
    public int hashCode() {
        int rootsHash = 1;
        int edgesHash = 1;
        for (int i = 0; i < size; i++) {
            rootsHash = 31 * rootsHash + Long.hashCode(root(i));
            edgesHash = 31 * edgesHash + Long.hashCode(edge(i));
        }
        return 31 * rootsHash + edgesHash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(root(i)).append('=').append(edge(i));
        }
        return sb.append('}').toString();
    }

    /** The id of a tuple whose roots have replay keys. */
    private static final class Keyed extends MessageId {
        private final long[] keys;

        Keyed(int size, long root0, long edge0, long[] roots, long[] edges, long[] keys) {
            super(size, root0, edge0, roots, edges);
            this.keys = keys;
        }

        @Override
        public boolean hasReplayKeys() {
            return true;
        }

        @Override
        public long replayKey(int i) {
            return keys[i];
        }

        @Override
        long[] keys() {
            return keys;
        }
    }
}
