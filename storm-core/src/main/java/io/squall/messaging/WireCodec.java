package io.squall.messaging;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.eventtime.Watermark;
import io.squall.runtime.executor.UnserializableValueException;
import io.squall.serialization.BoundedInput;
import io.squall.serialization.KryoFactory;
import io.squall.serialization.MessageEncoder;
import io.squall.serialization.TupleCodec;
import io.squall.task.GeneralTopologyContext;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.List;
import java.util.function.IntPredicate;

/**
 * The payload of a {@link Frame#MESSAGES} frame: messages for tasks of the receiving worker, each a tuple
 * ({@link TupleCodec}), an acker message or a {@link Watermark}. Not thread-safe: one codec per thread, like its Kryo.
 *
 * <pre>
 *   repeated until the end: varint task | byte kind | body
 *   kind 0 tuple, 1 Init(root, xor, varint spoutTask), 2 Update(root, xor), 3 Fail(root, varint task+1),
 *   4 ResetTimeout(root), 5 Result(root, bool failed, varint task+1),
 *   6 Watermark(varint sourceTask, long time, bool idle),
 *   7 acker messages for the task: int n | n x (byte kind, long root, body of that kind as in 1 to 5, with
 *     kind 5 Result split into 5 acked (no body) and 6 failed (varint task+1), as in {@link AckBatch})
 * </pre>
 *
 * <p>An executor hands the acker messages it sends one task as one {@link AckBatch}; it crosses workers as one
 * kind-7 message (in which consecutive updates of one tree are one: {@link AckBatch#add} XORs them) and is
 * decoded into one batch for the task's queue: no object per acker message on either side. The batches decoded are recycled by the executors that consume them.
 */
public final class WireCodec implements MessageEncoder {
    private static final byte TUPLE = 0;
    private static final byte INIT = 1;
    private static final byte UPDATE = 2;
    private static final byte FAIL = 3;
    private static final byte RESET = 4;
    private static final byte RESULT = 5;
    private static final byte WATERMARK = 6;
    private static final byte ACKS = 7;
    /** Decoded acker batches kept for reuse: enough for the batches of a few frames in flight. */
    private static final int ACK_BATCH_POOL_SIZE = 64;
    /** The most acker messages one kind-7 message may claim: a sender's batch, with room to spare. */
    private static final int MAX_ACKS = 1 << 16;

    /** Receives each decoded message. */
    @FunctionalInterface
    public interface Sink {
        /** One message for {@code task}. */
        void accept(int task, Object message);
    }

    private final TupleCodec tuples;
    /** Reused for every batch read: it keeps no state between batches but the short strings it saw. */
    private final BoundedInput in = BoundedInput.reusable();
    /** Acker batches the consumers of decoded batches are done with; they offer, {@link #read} polls. */
    private final ManyToOneConcurrentArrayQueue<AckBatch> ackBatchPool =
            new ManyToOneConcurrentArrayQueue<>(ACK_BATCH_POOL_SIZE);

    /** A codec for the tuples of a topology, with a Kryo built for it. */
    public WireCodec(Kryo kryo, GeneralTopologyContext context) {
        this.tuples = new TupleCodec(kryo, context);
    }

    /**
     * Appends one message to a batch.
     *
     * @throws IllegalArgumentException for a message that is neither a tuple nor an acker message
     */
    @Override
    public void write(Output out, int task, Object message) {
        out.writeVarInt(task, true);
        if (message instanceof TupleImpl t) {
            out.writeByte(TUPLE);
            try {
                tuples.write(out, t);
            } catch (KryoBufferOverflowException e) {
                throw e;
            } catch (RuntimeException | StackOverflowError e) {
                throw unserializable(t, e);
            }
        } else if (message instanceof AckBatch b) {
            writeAcks(out, b);
        } else if (message instanceof AckMessage.Init m) {
            out.writeByte(INIT);
            out.writeLong(m.root());
            out.writeLong(m.xor());
            out.writeVarInt(m.spoutTask(), true);
        } else if (message instanceof AckMessage.Update m) {
            out.writeByte(UPDATE);
            out.writeLong(m.root());
            out.writeLong(m.xor());
        } else if (message instanceof AckMessage.Fail m) {
            out.writeByte(FAIL);
            out.writeLong(m.root());
            out.writeVarInt(m.failingTask() + 1, true);
        } else if (message instanceof AckMessage.ResetTimeout m) {
            out.writeByte(RESET);
            out.writeLong(m.root());
        } else if (message instanceof AckMessage.Result m) {
            out.writeByte(RESULT);
            out.writeLong(m.root());
            out.writeBoolean(m.failed());
            out.writeVarInt(m.failingTask() + 1, true);
        } else if (message instanceof Watermark w) {
            out.writeByte(WATERMARK);
            out.writeVarInt(w.sourceTask(), true);
            out.writeLong(w.time());
            out.writeBoolean(w.idle());
        } else {
            throw new IllegalArgumentException("Cannot send " + message + " to another worker");
        }
    }

    /** Appends a tuple in one tree from its parts: the same bytes as {@link #write} of {@code TupleImpl.ofTree}. */
    @Override
    public void writeOfTree(Output out, int task, TupleSource source, List<Object> values, long root, long edge) {
        out.writeVarInt(task, true);
        out.writeByte(TUPLE);
        try {
            tuples.writeOfTree(out, source, values, root, edge);
        } catch (KryoBufferOverflowException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw unserializable(TupleImpl.ofTree(source, values, root, edge), e);
        }
    }

    /** Writes a batch of acker messages as one message (its consecutive updates of one tree are one already). */
    private static void writeAcks(Output out, AckBatch b) {
        out.writeByte(ACKS);
        out.writeInt(b.size()); // A fixed-width int, as the reader takes it.
        for (int i = 0; i < b.size(); i++) {
            byte kind = b.kind(i);
            out.writeByte(kind);
            out.writeLong(b.root(i));
            switch (kind) {
                case AckBatch.INIT -> {
                    out.writeLong(b.xor(i));
                    out.writeVarInt(b.task(i), true);
                }
                case AckBatch.UPDATE -> out.writeLong(b.xor(i));
                case AckBatch.FAIL, AckBatch.FAILED -> out.writeVarInt(b.task(i) + 1, true);
                case AckBatch.RESET, AckBatch.ACKED -> {
                }
                default -> throw new IllegalArgumentException("Unknown acker message kind " + kind);
            }
        }
    }

    /** Reads a batch written by {@link #writeAcks} into a batch from the pool. */
    private AckBatch readAcks(Input in) {
        int n = in.readInt();
        if (n < 0 || n > MAX_ACKS) {
            throw new MalformedFrameException("A batch of acker messages claims " + n + " messages");
        }
        AckBatch b = ackBatchPool.poll();
        if (b == null) {
            b = new AckBatch(n, ackBatchPool);
        }
        for (int i = 0; i < n; i++) {
            byte kind = in.readByte();
            long root = in.readLong();
            switch (kind) {
                case AckBatch.INIT -> b.add(kind, root, in.readLong(), in.readVarInt(true));
                case AckBatch.UPDATE -> b.add(kind, root, in.readLong(), -1);
                case AckBatch.FAIL, AckBatch.FAILED -> b.add(kind, root, 0, in.readVarInt(true) - 1);
                case AckBatch.RESET, AckBatch.ACKED -> b.add(kind, root, 0, -1);
                default -> throw new MalformedFrameException("Acker message " + i + " of a batch has unknown kind "
                        + kind);
            }
        }
        return b;
    }

    /** What a tuple that cannot be encoded gets: an error naming its component, stream and the value's class. */
    private UnserializableValueException unserializable(TupleImpl t, Throwable cause) {
        Class<?> c = tuples.firstUnwritable(t.getValues());
        String what = c == null ? "values" : "a value of class " + c.getName();
        return new UnserializableValueException("Component '" + t.getSourceComponent() + "' emitted " + what
                + " on stream '" + t.getSourceStreamId() + "' that cannot be serialized for another worker: "
                + cause.getMessage() + ". " + KryoFactory.howToSerialize(c), cause);
    }

    /**
     * Decodes a whole batch, handing each message to {@code sink}.
     *
     * @param isLocalTask which tasks the receiving worker runs; a message for any other is malformed
     * @return the number of messages
     * @throws MalformedFrameException naming what is wrong, if the bytes are not a valid batch (a value declaring
     *                                 more elements than the batch has bytes left among them)
     */
    public int read(byte[] payload, IntPredicate isLocalTask, Sink sink) {
        return read(payload, payload.length, isLocalTask, sink);
    }

    /**
     * Decodes the batch in the first {@code length} bytes of {@code payload}, as {@link #read(byte[], IntPredicate,
     * Sink)}; nothing decoded refers to {@code payload} afterwards.
     */
    public int read(byte[] payload, int length, IntPredicate isLocalTask, Sink sink) {
        // Checks every declared length against the bytes left before Kryo allocates by it.
        BoundedInput in = this.in;
        in.setBuffer(payload, 0, length);
        int count = 0;
        try {
            while (in.position() < length) {
                int task = in.readVarInt(true);
                if (!isLocalTask.test(task)) {
                    throw new MalformedFrameException("Message " + count + " of a batch is for task " + task
                            + ", which does not run in this worker");
                }
                byte kind = in.readByte();
                Object message = switch (kind) {
                    case TUPLE -> tuples.read(in);
                    case INIT -> new AckMessage.Init(in.readLong(), in.readLong(), in.readVarInt(true));
                    case UPDATE -> new AckMessage.Update(in.readLong(), in.readLong());
                    case FAIL -> new AckMessage.Fail(in.readLong(), in.readVarInt(true) - 1);
                    case RESET -> new AckMessage.ResetTimeout(in.readLong());
                    case RESULT -> new AckMessage.Result(in.readLong(), in.readBoolean(), in.readVarInt(true) - 1);
                    case WATERMARK -> new Watermark(in.readVarInt(true), in.readLong(), in.readBoolean());
                    case ACKS -> readAcks(in);
                    default -> throw new MalformedFrameException("Message " + count + " of a batch has unknown kind "
                            + kind);
                };
                sink.accept(task, message);
                count++;
            }
        } catch (MalformedFrameException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedFrameException("Message " + count + " of a batch does not decode: " + e.getMessage(), e);
        }
        return count;
    }
}
