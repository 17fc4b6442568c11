package io.squall.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.nio.ByteBuffer;
import java.util.List;

/** One tuple per message of its bytes as they are: one field, {@code bytes}, a {@code byte[]}. */
public class RawMultiScheme implements MultiScheme {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterable<List<Object>> deserialize(ByteBuffer ser) {
        return List.of(new Values((Object) RawScheme.bytes(ser)));
    }

    @Override
    public Fields getOutputFields() {
        return new Fields("bytes");
    }
}
