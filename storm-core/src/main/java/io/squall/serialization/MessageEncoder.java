package io.squall.serialization;

import com.esotericsoftware.kryo.io.Output;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;

import java.util.List;

/**
 * Writes the messages an executor sends to tasks of another worker in the transport's wire format, so that the
 * executor that made a tuple can encode it while the tuple is still in its core's cache (see {@link EncodedBatch}).
 * Not thread-safe: one encoder per thread, like its Kryo.
 */
@FunctionalInterface
public interface MessageEncoder {
    /**
     * Appends one message for {@code task} to {@code out}.
     *
     * @throws com.esotericsoftware.kryo.io.KryoBufferOverflowException if it does not fit in what {@code out} may
     *                                                                   hold
     * @throws RuntimeException for a message this encoder cannot write; {@code out} may then hold part of it
     */
    void write(Output out, int task, Object message);

    /**
     * Appends the tuple {@code TupleImpl.ofTree(source, values, root, edge)} for {@code task}, as {@link #write} of it
     * would; an encoder may write it from its parts without making the tuple. Throws as {@link #write} does.
     */
    default void writeOfTree(Output out, int task, TupleSource source, List<Object> values, long root, long edge) {
        write(out, task, TupleImpl.ofTree(source, values, root, edge));
    }
}
