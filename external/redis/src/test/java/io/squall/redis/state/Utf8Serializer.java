package io.squall.redis.state;

import io.squall.state.Serializer;

import java.nio.charset.StandardCharsets;

/** Strings as UTF-8 bytes, for keys and values a person can read with redis-cli. */
public final class Utf8Serializer implements Serializer<Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] serialize(Object obj) {
        return obj.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object deserialize(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
