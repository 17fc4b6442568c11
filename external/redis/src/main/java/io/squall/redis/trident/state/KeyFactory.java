package io.squall.redis.trident.state;

import java.io.Serializable;
import java.util.List;

/** Makes the Redis key (or hash field) of a map state's key: the values of its {@code groupBy} fields. */
public interface KeyFactory extends Serializable {
    /** The Redis key of {@code key}. */
    String build(List<Object> key);

    /** A key of one field, as its {@code toString()}. */
    class DefaultKeyFactory implements KeyFactory {
        private static final long serialVersionUID = 1L;

        /**
         * @throws IllegalArgumentException for a key of several fields, saying what to do
         */
        @Override
        public String build(List<Object> key) {
            if (key.size() != 1) {
                throw new IllegalArgumentException("The default KeyFactory makes a Redis key of one groupBy field, "
                        + "but the key is " + key + ": give RedisMapState a KeyFactory that joins the fields");
            }
            return String.valueOf(key.get(0));
        }
    }
}
