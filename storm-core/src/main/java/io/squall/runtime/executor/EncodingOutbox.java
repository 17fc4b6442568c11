package io.squall.runtime.executor;

import com.esotericsoftware.kryo.io.KryoBufferOverflowException;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.EncodedBatch;
import io.squall.serialization.MessageEncoder;
import io.squall.serialization.OutboundEncoding;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

import java.util.List;
import java.util.function.Supplier;

/**
 * The outbox of a queue whose consumer is the transport to another worker: messages are encoded here, on the
 * executor's thread that made them, into an {@link EncodedBatch}, which is published once per message it holds when
 * it is sealed. The transport then only copies bytes: it no longer reads, on its own core, every tuple another core
 * has just written (measured as the larger part of its time per crossed tuple).
 *
 * <p>A batch is sealed before anything of it is published: when it holds a publish batch's worth of messages or
 * {@link #SEAL_BYTES}, at each {@link #flush}, and before a message that travels as an object. So the entries of one
 * executor keep their order, and a batch's bytes are complete before the transport can see them. A message that the
 * encoder cannot write, or that does not fit in an empty batch, travels as an object, and the transport handles it
 * (fails an oversized tuple, reports an unserializable one) exactly as it did before batches were encoded here.
 *
 * <p>Owned by the producing executor's thread, like {@link Outbox}.
 */
final class EncodingOutbox extends Outbox {
    /**
     * A batch is sealed once it holds this many bytes: a few KB keep the batches of one executor within its cache
     * and below the size the transport's frames are cut at, and a busy queue's batches still carry a publish batch of
     * one-word tuples (64 of ~30 bytes) each.
     */
    static final int SEAL_BYTES = 4096;

    /** The encoder and batch pool of one executor, shared by its encoding outboxes. Executor thread. */
    static final class Encoder {
        /** Batches kept for reuse: enough for the batches of a few frames in flight to every other worker. */
        private static final int POOL_SIZE = 256;
        private final Supplier<OutboundEncoding> settings;
        private final ManyToOneConcurrentArrayQueue<EncodedBatch> pool = new ManyToOneConcurrentArrayQueue<>(POOL_SIZE);
        /** Asked for at the first message for another worker, on the executor's thread (the worker sets it late). */
        private OutboundEncoding encoding;
        private MessageEncoder encoder;
        private boolean resolved;

        Encoder(Supplier<OutboundEncoding> settings) {
            this.settings = settings;
        }

        /** The executor's encoder, made at its first use; null if messages go to the transport as objects. */
        MessageEncoder encoder() {
            if (!resolved) {
                resolved = true;
                encoding = settings.get();
                encoder = encoding == null ? null : encoding.encoders().get();
            }
            return encoder;
        }

        EncodedBatch newBatch() {
            EncodedBatch b = pool.poll();
            return b != null ? b : new EncodedBatch(Math.min(SEAL_BYTES * 2, encoding.maxBatchBytes()),
                    encoding.maxBatchBytes(), pool);
        }
    }

    private final Encoder encoder;
    private final int messagesPerBatch;
    /** The batch being filled, or null. */
    private EncodedBatch batch;
    /** Messages in {@link #batch}, and the task of its first (the entries' task). */
    private int inBatch;
    private int firstTask;

    EncodingOutbox(ReceiveQueue queue, int batchSize, RoundCounts counts, Encoder encoder) {
        super(queue, batchSize, counts);
        this.encoder = encoder;
        this.messagesPerBatch = batchSize;
    }

    @Override
    void add(int task, Object message) {
        if (encoder.encoder() == null) {
            super.add(task, message);
            return;
        }
        if (!encoded(task, message, null, null, 0, 0)) {
            super.add(task, message); // Travels as an object, after the batch before it.
            return;
        }
        if (message instanceof AckBatch b) {
            b.recycle(); // Written; nothing refers to it any more.
        }
    }

    /** A tuple in one tree is encoded from its parts; it is made only to travel as an object, if it must. */
    @Override
    void addOfTree(int task, TupleSource source, List<Object> values, long root, long edge) {
        if (encoder.encoder() == null) {
            super.addOfTree(task, source, values, root, edge);
            return;
        }
        if (!encoded(task, null, source, values, root, edge)) {
            super.add(task, TupleImpl.ofTree(source, values, root, edge)); // After the batch before it.
        }
    }

    /**
     * Encodes a message (or, if {@code message} is null, a tuple in one tree from its parts) into the batch, sealing
     * the batch when it is full. A message that overflows a batch holding others is tried once more in an empty one;
     * one that still does not fit, or cannot be encoded, seals the batch and returns false: the caller then sends it
     * as an object, after the batch before it.
     */
    private boolean encoded(int task, Object message, TupleSource source, List<Object> values, long root,
            long edge) {
        int result = tryEncode(task, message, source, values, root, edge);
        if (result == OVERFLOW && inBatch > 0) {
            seal(); // It may fit in an empty batch; only then is it written a second time.
            result = tryEncode(task, message, source, values, root, edge);
        }
        if (result != WRITTEN) {
            seal();
            return false;
        }
        if (inBatch >= messagesPerBatch || batch.length() >= SEAL_BYTES) {
            seal();
        }
        return true;
    }

    /**
     * A spout's first tuple of a tree for another worker is made here and encoded with the rest: sent as parts it
     * would pass the batch being filled and reach the transport out of its executor's order.
     */
    @Override
    @SuppressWarnings("unchecked")
    void addFirstOfTree(int task, TupleSource source, Object values, long root) {
        if (encoder.encoder() == null) {
            super.addFirstOfTree(task, source, values, root);
            return;
        }
        add(task, TupleImpl.firstOfTree(source, (List<Object>) values, root));
    }

    /** What {@link #tryEncode} did: wrote the message, found no room for it, or could not encode it. */
    private static final int WRITTEN = 0;
    private static final int OVERFLOW = 1;
    private static final int FAILED = 2;

    /**
     * Appends a message to the batch, or, if {@code message} is null, the tuple in one tree of the other arguments
     * ({@link MessageEncoder#writeOfTree}); on {@link #OVERFLOW} or {@link #FAILED} the batch is as it was. A message
     * the encoder cannot write is not tried again: the transport writes it once more and reports it, as before
     * batches were encoded here.
     */
    private int tryEncode(int task, Object message, TupleSource source, List<Object> values, long root, long edge) {
        if (batch == null) {
            batch = encoder.newBatch();
        }
        Output out = batch.output();
        int start = out.position();
        try {
            if (message != null) {
                encoder.encoder().write(out, task, message);
            } else {
                encoder.encoder().writeOfTree(out, task, source, values, root, edge);
            }
        } catch (KryoBufferOverflowException e) {
            out.setPosition(start);
            return OVERFLOW;
        } catch (RuntimeException e) {
            out.setPosition(start);
            return FAILED;
        }
        if (inBatch++ == 0) {
            firstTask = task;
        }
        return WRITTEN;
    }

    /** Publishes the batch being filled, if it holds anything, once per message in it. */
    private void seal() {
        EncodedBatch b = batch;
        if (b == null || inBatch == 0) {
            return;
        }
        int n = inBatch;
        batch = null;
        inBatch = 0;
        b.seal(n);
        for (int i = 0; i < n; i++) {
            super.add(firstTask, b);
        }
    }

    @Override
    int flush() {
        seal();
        return super.flush();
    }
}
