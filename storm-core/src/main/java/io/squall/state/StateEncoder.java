package io.squall.state;

/**
 * Storm's encoder of a key-value state's keys and values into the types its store keeps, and back. A store that keeps
 * deletions until they are committed writes {@link #getTombstoneValue()} for a deleted key.
 *
 * @param <K>         the key type
 * @param <V>         the value type
 * @param <KENCODEDT> the type a key is encoded to
 * @param <VENCODEDT> the type a value is encoded to
 */
@SuppressWarnings("checkstyle:ClassTypeParameterName")
public interface StateEncoder<K, V, KENCODEDT, VENCODEDT> {
    /** The key, encoded. */
    KENCODEDT encodeKey(K key);

    /** The value, encoded; never equal to {@link #getTombstoneValue()}. */
    VENCODEDT encodeValue(V value);

    /** The key of an encoded key. */
    K decodeKey(KENCODEDT encodedKey);

    /** The value of an encoded value; null for {@link #getTombstoneValue()}. */
    V decodeValue(VENCODEDT encodedValue);

    /** The encoded value that marks a key as deleted. */
    VENCODEDT getTombstoneValue();
}
