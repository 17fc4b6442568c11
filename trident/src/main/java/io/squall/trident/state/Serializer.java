package io.squall.trident.state;

import java.io.Serializable;

/**
 * Turns the values a map state stores into bytes and back, for a backing store that keeps bytes (Redis, say). The
 * JSON ones ({@link JSONNonTransactionalSerializer}, {@link JSONTransactionalSerializer},
 * {@link JSONOpaqueSerializer}) write Storm's layout, so a store Storm's Trident filled reads the same here.
 *
 * @param <T> what is stored: the user's value, or a {@link TransactionalValue} or {@link OpaqueValue} of it
 */
public interface Serializer<T> extends Serializable {
    /** The bytes of {@code obj}. */
    byte[] serialize(T obj);

    /** The value {@link #serialize} wrote as {@code b}. */
    T deserialize(byte[] b);
}
