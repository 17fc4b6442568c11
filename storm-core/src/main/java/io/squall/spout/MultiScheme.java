package io.squall.spout;

import io.squall.tuple.Fields;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.List;

/** Turns the bytes a spout reads into any number of tuples' values; a {@link Scheme} makes one. */
public interface MultiScheme extends Serializable {
    /** The values of each tuple in {@code ser}, or null (or nothing) for a message that makes no tuple. */
    Iterable<List<Object>> deserialize(ByteBuffer ser);

    /** The fields of the tuples {@link #deserialize} makes. */
    Fields getOutputFields();
}
