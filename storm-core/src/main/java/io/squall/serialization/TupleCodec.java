package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.task.GeneralTopologyContext;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
public final class TupleCodec {
    private final Kryo kryo;
    private final GeneralTopologyContext context;
    /** Each component's declared streams, sorted: a stream's wire index is its position here. */
    private final Map<String, String[]> streamsByComponent = new HashMap<>();
    /** The inverse of {@link #streamsByComponent}: component → stream → index. */
    private final Map<String, Map<String, Integer>> streamIndexes = new HashMap<>();

    /** A codec over a Kryo from {@link KryoFactory}, for tuples of the given topology. */
    public TupleCodec(Kryo kryo, GeneralTopologyContext context) {
        this.kryo = kryo;
        this.context = context;
    }

    /** Writes a tuple. */
    public void write(Output out, TupleImpl tuple) {
        out.writeVarInt(tuple.getSourceTask() + 1, true);
        Integer index = streamIndexes(tuple.getSourceComponent()).get(tuple.getSourceStreamId());
        if (index != null) {
            out.writeVarInt(index + 1, true);
        } else {
            out.writeVarInt(0, true);
            out.writeString(tuple.getSourceStreamId());
        }
        MessageId id = tuple.getMessageId();
        boolean keyed = id.hasReplayKeys();
        out.writeVarInt(id.size() << 1 | (keyed ? 1 : 0), true);
        for (int i = 0; i < id.size(); i++) {
            out.writeLong(id.root(i));
            out.writeLong(id.edge(i));
            if (keyed) {
                out.writeLong(id.replayKey(i));
            }
        }
        List<Object> values = tuple.getValues();
        out.writeVarInt(values.size(), true);
        for (Object v : values) {
            kryo.writeClassAndObject(out, v);
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
        String component = context.getComponentId(sourceTask);
        if (component == null) {
            throw new KryoException("Tuple from unknown task " + sourceTask);
        }
        int streamIndex = in.readVarInt(true) - 1;
        String stream;
        if (streamIndex < 0) {
            stream = in.readString();
        } else {
            String[] streams = streams(component);
            if (streamIndex >= streams.length) {
                throw new KryoException("Tuple from component '" + component + "' on stream number " + streamIndex
                        + ", but it declares " + streams.length + " streams");
            }
            stream = streams[streamIndex];
        }
        if (stream == null) {
            throw new KryoException("Tuple from task " + sourceTask + " without a stream");
        }
        int trees = in.readVarInt(true);
        int n = trees >>> 1;
        if (trees < 0 || n > 1 << 16) {
            throw new KryoException("Tuple claims " + n + " tuple-tree ids");
        }
        boolean keyed = (trees & 1) != 0;
        MessageId id;
        if (n == 0) {
            id = MessageId.unanchored();
        } else if (n == 1 && !keyed) {
            id = MessageId.of(in.readLong(), in.readLong()); // The usual anchored tuple: no arrays.
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
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(kryo.readClassAndObject(in));
        }
        return new TupleImpl(component, stream, context.getComponentOutputFields(component, stream), sourceTask,
                values, id);
    }
}
