package io.squall.state;

import java.util.Arrays;
import java.util.Optional;

/**
 * Storm's default {@link StateEncoder}: keys and values to bytes with the state's {@link Serializer}s. A value is
 * stored wrapped ({@link #INTERNAL_VALUE_SERIALIZER}) so that it can never be mistaken for the deletion mark
 * {@link #TOMBSTONE}. The bytes are Squall's own, not those Storm's encoder writes: a store written by Storm is not
 * read through this.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class DefaultStateEncoder<K, V> implements StateEncoder<K, V, byte[], byte[]> {
    /** Wraps a value's bytes (present) or the deletion mark (empty): one flag byte, then the value's bytes. */
    public static final Serializer<Optional<byte[]>> INTERNAL_VALUE_SERIALIZER = new Serializer<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] serialize(Optional<byte[]> obj) {
            if (obj.isEmpty()) {
                return new byte[] {0};
            }
            byte[] value = obj.get();
            byte[] out = new byte[value.length + 1];
            out[0] = 1;
            System.arraycopy(value, 0, out, 1, value.length);
            return out;
        }

        @Override
        public Optional<byte[]> deserialize(byte[] b) {
            if (b == null || b.length == 0 || b[0] > 1 || b[0] < 0) {
                throw new IllegalArgumentException("Not a value written by DefaultStateEncoder: "
                        + (b == null ? null : Arrays.toString(Arrays.copyOf(b, Math.min(b.length, 16)))));
            }
            return b[0] == 0 ? Optional.empty() : Optional.of(Arrays.copyOfRange(b, 1, b.length));
        }
    };

    /** The encoded value marking a deleted key. */
    public static final byte[] TOMBSTONE = INTERNAL_VALUE_SERIALIZER.serialize(Optional.empty());

    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;

    public DefaultStateEncoder(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    public Serializer<K> getKeySerializer() {
        return keySerializer;
    }

    public Serializer<V> getValueSerializer() {
        return valueSerializer;
    }

    @Override
    public byte[] encodeKey(K key) {
        return keySerializer.serialize(key);
    }

    @Override
    public byte[] encodeValue(V value) {
        return INTERNAL_VALUE_SERIALIZER.serialize(Optional.of(valueSerializer.serialize(value)));
    }

    @Override
    public K decodeKey(byte[] encodedKey) {
        return keySerializer.deserialize(encodedKey);
    }

    @Override
    public V decodeValue(byte[] encodedValue) {
        Optional<byte[]> value = INTERNAL_VALUE_SERIALIZER.deserialize(encodedValue);
        return value.map(valueSerializer::deserialize).orElse(null);
    }

    /** {@link #TOMBSTONE}; a copy, so that callers cannot change the mark. */
    @Override
    public byte[] getTombstoneValue() {
        return TOMBSTONE.clone();
    }
}
