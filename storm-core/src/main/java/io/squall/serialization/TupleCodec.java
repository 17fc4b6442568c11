package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import io.squall.task.GeneralTopologyContext;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeSet;

/**
 * The wire format of a tuple: source task, stream, tuple-tree ids and values. The receiver restores
 * the source component and schema from its topology context, so they are not sent; the stream travels as its
 * position among the source component's declared streams in sorted order (both workers run the same topology),
 * so a tuple costs one byte for it and the receiver makes no string. Not thread-safe: one codec per thread,
 * like its Kryo.
 *
 * <pre>
 *   varint sourceTask+1 | varint streamIndex+1 (0: string streamId follows) | varint (n << 1 | keyed)
 *   | n x (long root, long edge [, long key])
 *   | varint size | size x value
 * </pre>
 *
 * where {@code keyed} says whether each root carries its replay key (only in topologies with stateful bolts;
 * the others pay nothing: a tuple in one tree still spends one byte on the count).
 *
 * <p>Reading makes as little as it can per tuple: the tuple's {@link TupleSource} (component, stream, schema and
 * task) is made once per source task and stream and shared, a tuple in one tree keeps its ids in its own fields
 * ({@link TupleImpl#ofTree}), and its values are a fixed-size list over one array (a one-value tuple's a singleton
 * list): one tuple, one list and, for more than one value, one array, besides the values themselves. A tuple with one
 * value in one tree or in none is one object ({@link TupleImpl#ofOneValue}): a word of a word count costs the
 * receiving thread one allocation besides the word, and the thread that counts it reads one object, not three.
 */
public final class TupleCodec {
    private final Kryo kryo;
    private final GeneralTopologyContext context;
    /** Each component's declared streams, sorted: a stream's wire index is its position here. */
    private final Map<String, String[]> streamsByComponent = new HashMap<>();
    /** The inverse of {@link #streamsByComponent}: component → stream → index. */
    private final Map<String, Map<String, Integer>> streamIndexes = new HashMap<>();
    /** The source of the last tuple written and its stream's wire index: most tuples follow one of the same stream. */
    private TupleSource lastWritten;
    private int lastWrittenIndex;
    /** Sources of the tuples read: [source task][stream index], made on first use. */
    private TupleSource[][] sourcesRead = new TupleSource[0][];

    /**
     * The byte Kryo writes before a {@code String} (its registration id + 2), or -1 if Kryo writes strings in some
     * other way (a serializer of the user's): values that are strings are written and read with it directly, the
     * same bytes as Kryo's, without Kryo's look-ups of the class and its registration on either side.
     */
    private final int stringTag;

    /** A codec over a Kryo from {@link KryoFactory}, for tuples of the given topology. */
    public TupleCodec(Kryo kryo, GeneralTopologyContext context) {
        this.kryo = kryo;
        this.context = context;
        this.stringTag = stringTag(kryo);
    }

    private static int stringTag(Kryo kryo) {
        Registration r = kryo.getClassResolver().getRegistration(String.class);
        boolean kryos = r != null && r.getSerializer().getClass() == DefaultSerializers.StringSerializer.class
                && kryo.getClassResolver().getClass() == DefaultClassResolver.class && !kryo.getReferences();
        int tag = kryos ? r.getId() + 2 : -1; // DefaultClassResolver writes an id as a varint of id + 2.
        return tag > 1 && tag < 0x80 ? tag : -1; // One byte, and not Kryo's null (0) or class-by-name (1).
    }

    /** Writes a tuple. */
    public void write(Output out, TupleImpl tuple) {
        writeSource(out, tuple.source());
        if (tuple.isSingleTree()) {
            writeTree(out, tuple.treeRoot(0), tuple.treeEdge(0));
        } else {
            writeTrees(out, tuple.getMessageId());
        }
        writeValues(out, tuple.getValues());
    }

    /**
     * Writes the tuple {@code TupleImpl.ofTree(source, values, root, edge)} without it: the same bytes as {@link #write}
     * of that tuple, for an emitter whose target is on another worker and which has no other use for the tuple.
     * {@code root} is not 0: a tuple in no tree is written by {@link #write}.
     */
    public void writeOfTree(Output out, TupleSource source, List<Object> values, long root, long edge) {
        writeSource(out, source);
        writeTree(out, root, edge);
        writeValues(out, values);
    }

    private void writeSource(Output out, TupleSource source) {
        out.writeVarInt(source.task() + 1, true);
        int index = streamIndex(source);
        if (index >= 0) {
            out.writeVarInt(index + 1, true);
        } else {
            out.writeVarInt(0, true);
            out.writeString(source.streamId());
        }
    }

    private static void writeTree(Output out, long root, long edge) {
        out.writeVarInt(1 << 1, true);
        out.writeLong(root);
        out.writeLong(edge);
    }

    private void writeValues(Output out, List<Object> values) {
        out.writeVarInt(values.size(), true);
        if (values instanceof RandomAccess) {
            // An index loop: a for-each's iterator escaped here on a busy executor's thread in one profile of the
            // two-worker word count (JFR), 32 bytes a crossed word.
            for (int i = 0, n = values.size(); i < n; i++) {
                writeValue(out, values.get(i));
            }
        } else {
            for (Object v : values) {
                writeValue(out, v);
            }
        }
    }

    private void writeValue(Output out, Object v) {
        if (v != null && v.getClass() == String.class && stringTag > 0) {
            out.writeByte(stringTag);
            out.writeString((String) v);
        } else {
            kryo.writeClassAndObject(out, v);
        }
    }

    private Object readValue(Input in) {
        int p = in.position();
        if (stringTag > 0 && p < in.limit() && in.getBuffer()[p] == stringTag) {
            in.setPosition(p + 1);
            return in.readString();
        }
        return kryo.readClassAndObject(in);
    }

    /** The wire index of a source's stream, -1 for a stream its component does not declare. */
    private int streamIndex(TupleSource source) {
        if (source != lastWritten) {
            Integer index = streamIndexes(source.componentId()).get(source.streamId());
            lastWritten = source;
            lastWrittenIndex = index == null ? -1 : index;
        }
        return lastWrittenIndex;
    }

    private static void writeTrees(Output out, MessageId id) {
        boolean keyed = id.hasReplayKeys();
        out.writeVarInt(id.size() << 1 | (keyed ? 1 : 0), true);
        for (int i = 0; i < id.size(); i++) {
            out.writeLong(id.root(i));
            out.writeLong(id.edge(i));
            if (keyed) {
                out.writeLong(id.replayKey(i));
            }
        }
    }

    /** A component's declared streams, sorted; none for a component the topology does not have. */
    private String[] streams(String component) {
        String[] streams = streamsByComponent.get(component);
        if (streams == null) {
            try {
                streams = new TreeSet<>(context.getComponentStreams(component)).toArray(new String[0]);
            } catch (IllegalArgumentException unknown) {
                streams = new String[0];
            }
            streamsByComponent.put(component, streams);
        }
        return streams;
    }

    private Map<String, Integer> streamIndexes(String component) {
        Map<String, Integer> indexes = streamIndexes.get(component);
        if (indexes == null) {
            indexes = new HashMap<>();
            String[] streams = streams(component);
            for (int i = 0; i < streams.length; i++) {
                indexes.put(streams[i], i);
            }
            streamIndexes.put(component, indexes);
        }
        return indexes;
    }

    /** The class of the first of {@code values} that Kryo cannot write, or null if it writes them all. */
    public Class<?> firstUnwritable(List<Object> values) {
        Output scratch = new Output(OutputStream.nullOutputStream(), 4096);
        for (Object v : values) {
            try {
                kryo.writeClassAndObject(scratch, v);
                scratch.flush();
            } catch (RuntimeException | StackOverflowError e) {
                return v == null ? null : v.getClass();
            }
        }
        return null;
    }

    /**
     * Reads a tuple written by {@link #write}.
     *
     * @throws KryoException if the bytes are not a tuple of this topology
     */
    public TupleImpl read(Input in) {
        int sourceTask = in.readVarInt(true) - 1;
        int streamIndex = in.readVarInt(true) - 1;
        TupleSource source = streamIndex < 0 ? sourceOfNamedStream(sourceTask, in.readString())
                : source(sourceTask, streamIndex);
        int trees = in.readVarInt(true);
        int n = trees >>> 1;
        if (trees < 0 || n > 1 << 16) {
            throw new KryoException("Tuple claims " + n + " tuple-tree ids");
        }
        boolean keyed = (trees & 1) != 0;
        long root = 0;
        long edge = 0;
        MessageId id = null;
        if (n == 0) {
            id = MessageId.unanchored();
        } else if (n == 1 && !keyed) {
            root = in.readLong(); // The usual anchored tuple: its ids go in the tuple's own fields.
            edge = in.readLong();
            if (root == 0) {
                id = MessageId.of(root, edge);
            }
        } else {
            long[] roots = new long[n];
            long[] edges = new long[n];
            long[] keys = keyed ? new long[n] : null;
            for (int i = 0; i < n; i++) {
                roots[i] = in.readLong();
                edges[i] = in.readLong();
                if (keys != null) {
                    keys[i] = in.readLong();
                }
            }
            id = MessageId.of(roots, edges, keys);
        }
        int size = in.readVarInt(true);
        if (size < 0 || size > 1 << 16) {
            throw new KryoException("Tuple claims " + size + " values");
        }
        if (size == 1 && (id == null || n == 0)) {
            // One value in one tree or in none (a word of a word count): one object, no list, fields read directly.
            return TupleImpl.ofOneValue(source, readValue(in), root, edge);
        }
        List<Object> values = readValues(in, size);
        return id == null ? TupleImpl.ofTree(source, values, root, edge) : new TupleImpl(source, values, id);
    }

    private List<Object> readValues(Input in, int size) {
        if (size == 1) {
            return Collections.singletonList(readValue(in));
        }
        Object[] values = new Object[size];
        for (int i = 0; i < size; i++) {
            values[i] = readValue(in);
        }
        return Arrays.asList(values);
    }

    /** The shared source of tuples from {@code task} on its component's stream number {@code streamIndex}. */
    private TupleSource source(int task, int streamIndex) {
        if (task >= 0 && task < sourcesRead.length) {
            TupleSource[] byStream = sourcesRead[task];
            if (byStream != null && streamIndex < byStream.length && byStream[streamIndex] != null) {
                return byStream[streamIndex];
            }
        }
        String component = component(task);
        String[] streams = streams(component);
        if (streamIndex >= streams.length) {
            throw new KryoException("Tuple from component '" + component + "' on stream number " + streamIndex
                    + ", but it declares " + streams.length + " streams");
        }
        if (task >= sourcesRead.length) {
            sourcesRead = Arrays.copyOf(sourcesRead, task + 1);
        }
        if (sourcesRead[task] == null) {
            sourcesRead[task] = new TupleSource[streams.length];
        }
        String stream = streams[streamIndex];
        TupleSource source = new TupleSource(component, stream, context.getComponentOutputFields(component, stream),
                task, context);
        sourcesRead[task][streamIndex] = source;
        return source;
    }

    /** The source of a tuple on a stream sent by name (one its component does not declare): not shared. */
    private TupleSource sourceOfNamedStream(int task, String stream) {
        String component = component(task);
        if (stream == null) {
            throw new KryoException("Tuple from task " + task + " without a stream");
        }
        return new TupleSource(component, stream, context.getComponentOutputFields(component, stream), task, context);
    }

    private String component(int task) {
        String component = context.getComponentId(task);
        if (component == null) {
            throw new KryoException("Tuple from unknown task " + task);
        }
        return component;
    }
}
