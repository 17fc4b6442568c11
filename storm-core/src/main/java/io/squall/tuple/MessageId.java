package io.squall.tuple;

import java.util.Arrays;

/**
 * The tuple-tree membership of one tuple: for each root id (one per spout tuple it descends from)
 * the random edge id this tuple carries. The XOR of all edge ids of a tree, each added once when
 * created and once when acked, is zero exactly when the tree is complete. Immutable.
 */
public final class MessageId {
    private static final long[] NONE = new long[0];
    private static final MessageId UNANCHORED = new MessageId(NONE, NONE);

    private final long[] roots;
    private final long[] edges;

    private MessageId(long[] roots, long[] edges) {
        this.roots = roots;
        this.edges = edges;
    }

    /** The id of a tuple that belongs to no tree. */
    public static MessageId unanchored() {
        return UNANCHORED;
    }

    /** The id of a tuple in a single tree. */
    public static MessageId of(long root, long edge) {
        return new MessageId(new long[] {root}, new long[] {edge});
    }

    /** An id with the given parallel arrays of roots and edges; the arrays are taken, not copied. */
    public static MessageId of(long[] roots, long[] edges) {
        if (roots.length != edges.length) {
            throw new IllegalArgumentException("roots and edges differ in length");
        }
        return roots.length == 0 ? UNANCHORED : new MessageId(roots, edges);
    }

    /** Number of trees this tuple belongs to. */
    public int size() {
        return roots.length;
    }

    /** Whether this tuple belongs to no tree. */
    public boolean isUnanchored() {
        return roots.length == 0;
    }

    /** The root id at position {@code i}. */
    public long root(int i) {
        return roots[i];
    }

    /** The edge id at position {@code i}. */
    public long edge(int i) {
        return edges[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessageId m && Arrays.equals(roots, m.roots) && Arrays.equals(edges, m.edges);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(roots) + Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < roots.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(roots[i]).append('=').append(edges[i]);
        }
        return sb.append('}').toString();
    }
}
