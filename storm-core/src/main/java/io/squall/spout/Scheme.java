package io.squall.spout;

import io.squall.tuple.Fields;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns the bytes a spout reads (a message of a queue, a line of a file) into one tuple's values, as Storm's spouts
 * that take a scheme do.
 */
public interface Scheme extends Serializable {
    /** The values of the tuple in {@code ser}, or null for a message that makes no tuple. */
    List<Object> deserialize(ByteBuffer ser);

    /** The fields of the tuples {@link #deserialize} makes. */
    Fields getOutputFields();
}
