package io.squall.spout;

import io.squall.tuple.Fields;

import java.nio.ByteBuffer;
import java.util.List;

/** A {@link MultiScheme} of one tuple per message, or none where {@link #scheme} gives null. */
public class SchemeAsMultiScheme implements MultiScheme {
    private static final long serialVersionUID = 1L;

    public final Scheme scheme;

    public SchemeAsMultiScheme(Scheme scheme) {
        this.scheme = scheme;
    }

    @Override
    public Iterable<List<Object>> deserialize(ByteBuffer ser) {
        List<Object> values = scheme.deserialize(ser);
        return values == null ? null : List.of(values);
    }

    @Override
    public Fields getOutputFields() {
        return scheme.getOutputFields();
    }
}
