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
import java.util.List;

/**
 * The wire format of a tuple: source task, stream id, tuple-tree ids and values. The receiver restores
 * the source component and schema from its topology context, so they are not sent. Not thread-safe:
 * one codec per thread, like its Kryo.
 *
 * <pre>
 *   varint sourceTask+1 | string streamId | varint (n << 1 | keyed) | n x (long root, long edge [, long key])
 *   | varint size | size x value
 * </pre>
 *
 * where {@code keyed} says whether each root carries its replay key (only in topologies with stateful bolts;
 * the others pay nothing: a tuple in one tree still spends one byte on the count).
 */
public final class TupleCodec {
    private final Kryo kryo;
    private final GeneralTopologyContext context;

    /** A codec over a Kryo from {@link KryoFactory}, for tuples of the given topology. */
    public TupleCodec(Kryo kryo, GeneralTopologyContext context) {
        this.kryo = kryo;
        this.context = context;
    }

    /** Writes a tuple. */
    public void write(Output out, TupleImpl tuple) {
        out.writeVarInt(tuple.getSourceTask() + 1, true);
        out.writeString(tuple.getSourceStreamId());
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
        String stream = in.readString();
        String component = context.getComponentId(sourceTask);
        if (component == null || stream == null) {
            throw new KryoException("Tuple from unknown task " + sourceTask + " or without a stream");
        }
        int trees = in.readVarInt(true);
        int n = trees >>> 1;
        if (trees < 0 || n > 1 << 16) {
            throw new KryoException("Tuple claims " + n + " tuple-tree ids");
        }
        long[] roots = new long[n];
        long[] edges = new long[n];
        long[] keys = (trees & 1) != 0 ? new long[n] : null;
        for (int i = 0; i < n; i++) {
            roots[i] = in.readLong();
            edges[i] = in.readLong();
            if (keys != null) {
                keys[i] = in.readLong();
            }
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
                values, MessageId.of(roots, edges, keys));
    }
}
