package io.squall.tuple;

/**
 * The tuple-tree membership of one tuple: for each root id (one per spout tuple it descends from)
 * the random edge id this tuple carries. The XOR of all edge ids of a tree, each added once when
 * created and once when acked, is zero exactly when the tree is complete. Immutable.
 */
public final class MessageId {
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

    /** The id of a tuple that belongs to no tree. */
    public static MessageId unanchored() {
        return UNANCHORED;
    }

    /** The id of a tuple in a single tree. */
    public static MessageId of(long root, long edge) {
        return new MessageId(1, root, edge, null, null);
    }

    /** An id with the given parallel arrays of roots and edges; the arrays are taken, not copied. */
    public static MessageId of(long[] roots, long[] edges) {
        if (roots.length != edges.length) {
            throw new IllegalArgumentException("roots and edges differ in length");
        }
        return switch (roots.length) {
            case 0 -> UNANCHORED;
            case 1 -> of(roots[0], edges[0]);
            default -> new MessageId(roots.length, 0L, 0L, roots, edges);
        };
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
        return true;
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
}
