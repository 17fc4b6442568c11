package io.squall.serialization;

import com.esotericsoftware.kryo.io.Output;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;

/**
 * Consecutive messages of one executor for one other worker, already in the transport's wire format. The executor
 * encodes them as it sends them ({@link #output()}), seals the batch with their count ({@link #seal}) and then
 * publishes the batch into the outbound queue once per message, so that the queue's population, its backpressure
 * and a full queue's bound stay counted in messages as for messages sent as objects. The transport copies the bytes
 * out when it takes the first of those entries ({@link #take}) and hands the batch back to its executor's pool after
 * the last.
 *
 * <p>Threads: the producing executor writes and seals the batch and publishes it; from then on only the queue's
 * consumer reads and takes it (publication through the queue orders the bytes before the reads), until, after its
 * last entry is taken ({@link #allTaken}), the consumer gives it back with {@link #recycle} to the producer's pool,
 * from which the producer polls it again.
 */
public final class EncodedBatch {
    private final Output out;
    private final int initialBytes;
    private final ManyToOneConcurrentArrayQueue<EncodedBatch> pool;
    /** Messages in the batch; set by {@link #seal}. */
    private int messages;
    /** Entries of this batch taken from the queue so far; consumer only. */
    private int taken;

    /**
     * An empty batch that may hold up to {@code maxBytes}, returned to {@code pool} after its last entry is taken
     * (or left to the collector if the pool is full).
     */
    public EncodedBatch(int initialBytes, int maxBytes, ManyToOneConcurrentArrayQueue<EncodedBatch> pool) {
        this.initialBytes = Math.min(initialBytes, maxBytes);
        this.out = new Output(this.initialBytes, maxBytes);
        this.pool = pool;
    }

    /** Where the producer appends messages. Producer only, before {@link #seal}. */
    public Output output() {
        return out;
    }

    /** Ends the batch with {@code count} messages in it. Producer only, before publishing it. */
    public void seal(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("A sealed batch holds at least one message, not " + count);
        }
        messages = count;
    }

    /** The messages in the batch (the queue entries that refer to it). */
    public int messages() {
        return messages;
    }

    /** The encoded bytes, in the first {@link #length()} bytes. */
    public byte[] bytes() {
        return out.getBuffer();
    }

    /** How many bytes the batch holds. */
    public int length() {
        return out.position();
    }

    /**
     * Takes one of the batch's queue entries. Consumer only.
     *
     * @return true for the first entry, whose taker writes the bytes on; false for the others
     */
    public boolean take() {
        return taken++ == 0;
    }

    /**
     * Whether every entry of the batch has been taken. Then the caller, done with the bytes, gives the batch back
     * with {@link #recycle}. Consumer only.
     */
    public boolean allTaken() {
        return taken >= messages;
    }

    /** Empties the batch and hands it back to its producer's pool. Consumer only, after the last {@link #take}. */
    public void recycle() {
        taken = 0;
        messages = 0;
        if (out.getBuffer().length > initialBytes) {
            out.setBuffer(new byte[initialBytes], out.getMaxCapacity()); // Drops a buffer a large tuple grew.
        } else {
            out.reset();
        }
        pool.offer(this);
    }
}
