package io.squall.spout;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.nio.ByteBuffer;
import java.util.List;

/** A message's bytes as they are: one field, {@code bytes}, a {@code byte[]}. */
public class RawScheme implements Scheme {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Object> deserialize(ByteBuffer ser) {
        return new Values((Object) bytes(ser));
    }

    /** The remaining bytes of {@code ser}, copied; {@code ser}'s position is not moved. */
    static byte[] bytes(ByteBuffer ser) {
        byte[] b = new byte[ser.remaining()];
        ser.duplicate().get(b);
        return b;
    }

    @Override
    public Fields getOutputFields() {
        return new Fields("bytes");
    }
}
