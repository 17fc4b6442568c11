package io.squall.state;

import java.io.Serializable;

/** Turns state keys and values into bytes for a backend and back. */
public interface Serializer<T> extends Serializable {
    byte[] serialize(T obj);

    T deserialize(byte[] b);
}
