package io.squall.tuple;

import io.squall.task.GeneralTopologyContext;
import io.squall.topology.GlobalStreamId;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The runtime's tuple. Values are shared, never copied, between the emitter and local receivers, so
 * neither may modify them after emit. The ack value is written only by the executor thread that
 * received the tuple.
 *
 * <p>A tuple in exactly one tree without a replay key (every tuple of an acked spout emit or of a bolt emit
 * anchored to one such tuple) keeps its root and edge in fields of its own ({@link #ofTree}), with no
 * {@link MessageId} object; {@link #getMessageId} makes one when asked. The runtime reads the tree through
 * {@link #treeCount}, {@link #treeRoot} and {@link #treeEdge}, which allocate nothing.
 */
public class TupleImpl implements Tuple {
    private final TupleSource source;
    private final List<Object> values;
    /** The tuple's trees; null in a {@link SingleTree}, which keeps its one root and edge itself. */
    private final MessageId messageId;
    private long ackVal;

    /**
     * A tuple emitted by {@code sourceTask} of {@code sourceComponent} on {@code streamId}, whose schema is
     * {@code fields}.
     */
    public TupleImpl(String sourceComponent, String streamId, Fields fields, int sourceTask, List<Object> values,
                     MessageId messageId) {
        this(new TupleSource(sourceComponent, streamId, fields, sourceTask), values, messageId);
    }

    /**
     * Storm's constructor, with which Storm's unit tests make the tuples they hand a bolt: values emitted by task
     * {@code taskId} of {@code srcComponent} on {@code streamId}, in no tree. The stream's fields are the context's
     * {@code getComponentOutputFields(srcComponent, streamId)}.
     *
     * @throws IllegalArgumentException when the context checks tuples ({@link GeneralTopologyContext#doSanityCheck()},
     *     true unless {@code storm.cluster.mode} is {@code "distributed"}) and the values are not as many as the fields,
     *     or the context declares no fields for the stream
     */
    public TupleImpl(GeneralTopologyContext context, List<Object> values, String srcComponent, int taskId,
                     String streamId) {
        this(context, values, srcComponent, taskId, streamId, MessageId.unanchored());
    }

    /** Storm's constructor, as the one above, for a tuple in the trees of {@code id}. */
    public TupleImpl(GeneralTopologyContext context, List<Object> values, String srcComponent, int taskId,
                     String streamId, MessageId id) {
        this(new TupleSource(srcComponent, streamId, schema(context, values, srcComponent, streamId), taskId, context),
                context.doSanityCheck() ? Collections.unmodifiableList(values) : values,
                id == null ? MessageId.unanchored() : id);
    }

    /**
     * Storm's copy constructor: a tuple with {@code t}'s source, values (shared, not copied), trees and, for a
     * {@code TupleImpl}, ack value so far.
     */
    public TupleImpl(Tuple t) {
        this(t instanceof TupleImpl ti ? ti.source : new TupleSource(t.getSourceComponent(), t.getSourceStreamId(),
                t.getFields(), t.getSourceTask()), t.getValues(), t.getMessageId());
        if (t instanceof TupleImpl ti) {
            this.ackVal = ti.ackVal();
        }
    }

    private static Fields schema(GeneralTopologyContext context, List<Object> values, String component,
                                 String stream) {
        Fields fields;
        try {
            fields = context.getComponentOutputFields(component, stream);
        } catch (RuntimeException e) {
            if (context.doSanityCheck()) {
                throw e;
            }
            return null; // As Storm's, which looks the fields up only when asked for them.
        }
        if (context.doSanityCheck() && fields != null && values.size() != fields.size()) {
            throw new IllegalArgumentException("Tuple created with wrong number of fields. Expected " + fields.size()
                    + " fields but got " + values.size() + " fields");
        }
        return fields;
    }

    @Override
    public GeneralTopologyContext getContext() {
        return source.context();
    }

    /** A tuple from {@code source} (shared by the tuples of one stream of one task) in the trees of {@code messageId}. */
    public TupleImpl(TupleSource source, List<Object> values, MessageId messageId) {
        this.source = source;
        this.values = values;
        this.messageId = messageId;
    }

    /** A tuple from {@code source} in the single tree {@code root} (not zero) with edge id {@code edge}, no replay key. */
    public static TupleImpl ofTree(TupleSource source, List<Object> values, long root, long edge) {
        return new SingleTree(source, values, root, edge);
    }

    /**
     * A tuple from {@code source} with the one value {@code value}, in the single tree {@code root} with edge id
     * {@code edge} and no replay key, or in no tree when {@code root} is 0: made directly in the form {@link #compact}
     * gives such a tuple (one object, no list; {@link #getValues} makes a read-only list when asked, and {@code
     * compact()} returns the tuple itself). For a receiver that makes the tuple from bytes, so nothing else holds its
     * values.
     */
    public static TupleImpl ofOneValue(TupleSource source, Object value, long root, long edge) {
        return new SingleValue(source, value, root, edge);
    }

    /**
     * The first tuple a spout sends in its new tree {@code root} (not zero), with edge id {@link #firstEdge}{@code
     * (root)}: computed when asked, not kept, so the tuple is 40 bytes instead of {@link #ofTree}'s 48. Only one tuple
     * of a tree may be made so (a second would have the same edge, and the two would cancel in the tree's XOR).
     */
    public static TupleImpl firstOfTree(TupleSource source, List<Object> values, long root) {
        return new FirstOfTree(source, values, root);
    }

    /**
     * The edge id of a tree's {@link #firstOfTree} tuple: a bijective mix of the root, so distinct roots (numbered in
     * sequence) get edges as scattered as random ones; never 0.
     */
    public static long firstEdge(long root) {
        long z = (root ^ (root >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z != 0 ? z : 1;
    }

    /**
     * This tuple as a holder that keeps it for long (a window) should keep it. A tuple in one tree without a replay
     * key, or in none, becomes a copy with its tree and ack value in fields: with one value, one object of 56 bytes
     * holding the value, instead of this tuple and its list of values with the list's array (96 bytes in three
     * objects, which the collector copies as long as the holder keeps them); with several, the copy and an array of
     * the values (two objects, 16 bytes less than three). Any other tuple, or one already compact, is returned
     * itself. The copy is a tuple of its own with this tuple's ack value: anchor to, ack and fail the copy from now
     * on, not this one. Receiver thread only.
     */
    public TupleImpl compact() {
        if (values == null || values.isEmpty() || !isSingleTree() && messageId.size() != 0) {
            return this;
        }
        long root = isSingleTree() ? treeRoot(0) : 0L;
        long edge = isSingleTree() ? treeEdge(0) : 0L;
        TupleImpl copy = values.size() == 1 ? new SingleValue(source, values.get(0), root, edge)
                : new ArrayValues(source, values.toArray(), root, edge);
        copy.ackVal = ackVal;
        return copy;
    }

    /** XOR of the edge ids of the children anchored to this tuple so far (receiver thread only). */
    public long ackVal() {
        return ackVal;
    }

    /** Adds a child's edge id to this tuple's ack value (receiver thread only). */
    public void xorAckVal(long edge) {
        ackVal ^= edge;
    }

    /** Number of trees this tuple belongs to, as {@code getMessageId().size()} without making the id. */
    public int treeCount() {
        return messageId.size();
    }

    /** The root id of tree {@code i}, as {@code getMessageId().root(i)}. */
    public long treeRoot(int i) {
        return messageId.root(i);
    }

    /** The edge id of tree {@code i}, as {@code getMessageId().edge(i)}. */
    public long treeEdge(int i) {
        return messageId.edge(i);
    }

    /** Whether the tuple's only tree is kept in fields, without a {@link MessageId} (see {@link #ofTree}). */
    public boolean isSingleTree() {
        return false;
    }

    /** Where the tuple comes from. */
    public TupleSource source() {
        return source;
    }

    @Override
    public String getSourceComponent() {
        return source.componentId();
    }

    @Override
    public int getSourceTask() {
        return source.task();
    }

    @Override
    public String getSourceStreamId() {
        return source.streamId();
    }

    @Override
    public GlobalStreamId getSourceGlobalStreamId() {
        return new GlobalStreamId(source.componentId(), source.streamId());
    }

    @Override
    public MessageId getMessageId() {
        return messageId;
    }

    @Override
    public Fields getFields() {
        return source.fields();
    }

    @Override
    public Object getValue(int i) {
        return values.get(i);
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    @Override
    public String toString() {
        return "source: " + source.componentId() + ":" + source.task() + ", stream: " + source.streamId() + ", id: "
                + getMessageId() + ", " + getValues();
    }

    /**
     * A tuple whose tree is a field of its own, the root, with no {@link MessageId} object: a tuple in one tree (root
     * not zero), or, for a {@link Compact} copy, in none (root 0). The subclass keeps or computes the edge.
     */
    private abstract static class FieldTree extends TupleImpl {
        /** The tree's root, or 0 for a tuple in no tree. */
        private final long root;

        FieldTree(TupleSource source, List<Object> values, long root) {
            super(source, values, root == 0 ? MessageId.unanchored() : null);
            this.root = root;
        }

        /** The edge id in the tree (0 in none). */
        abstract long edge();

        @Override
        public int treeCount() {
            return root == 0 ? 0 : 1;
        }

        @Override
        public long treeRoot(int i) {
            checkTree(i);
            return root;
        }

        @Override
        public long treeEdge(int i) {
            checkTree(i);
            return edge();
        }

        @Override
        public boolean isSingleTree() {
            return root != 0;
        }

        /** A new id each call for a tuple in a tree (ids are compared by value): the tuple keeps none, to stay small. */
        @Override
        public MessageId getMessageId() {
            return root == 0 ? MessageId.unanchored() : MessageId.of(root, edge());
        }

        private void checkTree(int i) {
            if (i != 0 || root == 0) {
                throw new IndexOutOfBoundsException("Tree " + i + " of a tuple in " + treeCount() + " tree(s)");
            }
        }
    }

    /**
     * What {@link #compact} makes: a tuple in one tree or in none whose values the subclass keeps without a list; the
     * list is made when asked for.
     */
    private abstract static class Compact extends FieldTree {
        private final long edge;

        Compact(TupleSource source, long root, long edge) {
            super(source, null, root);
            this.edge = edge;
        }

        @Override
        long edge() {
            return edge;
        }

        @Override
        public TupleImpl compact() {
            return this;
        }
    }

    /** A compact tuple with one value. */
    private static final class SingleValue extends Compact {
        private final Object value;

        SingleValue(TupleSource source, Object value, long root, long edge) {
            super(source, root, edge);
            this.value = value;
        }

        @Override
        public int size() {
            return 1;
        }

        @Override
        public Object getValue(int i) {
            if (i != 0) {
                throw new IndexOutOfBoundsException("Value " + i + " of a tuple with 1 value");
            }
            return value;
        }

        /** A read-only list of the one value, made on each call. */
        @Override
        public List<Object> getValues() {
            return Collections.singletonList(value);
        }
    }

    /** A compact tuple with several values, in an array of its own. */
    private static final class ArrayValues extends Compact {
        private final Object[] array;

        ArrayValues(TupleSource source, Object[] array, long root, long edge) {
            super(source, root, edge);
            this.array = array;
        }

        @Override
        public int size() {
            return array.length;
        }

        @Override
        public Object getValue(int i) {
            return array[i];
        }

        /** A read-only list over the values, made on each call. */
        @Override
        public List<Object> getValues() {
            return Collections.unmodifiableList(Arrays.asList(array));
        }
    }

    /** A tuple in one tree whose root and edge are fields: 16 bytes instead of a 40-byte {@link MessageId}. */
    private static final class SingleTree extends FieldTree {
        private final long edge;

        SingleTree(TupleSource source, List<Object> values, long root, long edge) {
            super(source, values, requireRoot(root));
            this.edge = edge;
        }

        @Override
        long edge() {
            return edge;
        }
    }

    /** A spout's first tuple in a tree, whose edge is {@link #firstEdge} of the root: 40 bytes. */
    private static final class FirstOfTree extends FieldTree {
        FirstOfTree(TupleSource source, List<Object> values, long root) {
            super(source, values, requireRoot(root));
        }

        @Override
        long edge() {
            return firstEdge(treeRoot(0));
        }
    }

    private static long requireRoot(long root) {
        if (root == 0) {
            throw new IllegalArgumentException("A tuple tree's root id cannot be 0");
        }
        return root;
    }
}
