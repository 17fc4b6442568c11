package io.squall.trident.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;

/**
 * The JSON arrays the JSON serializers write. Whole numbers read back as {@code Long} and others as {@code Double},
 * as Storm's JSON serializers give them, so that an aggregator's {@code Long} sums stay {@code Long}s.
 */
final class JsonValues {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonValues() {
    }

    static byte[] write(List<Object> array, Object what) {
        try {
            return JSON.writeValueAsBytes(array);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + what + " as JSON: " + e.getOriginalMessage()
                    + ". A JSON serializer stores numbers, strings, booleans, lists and maps; give the map state a "
                    + "Serializer of its own for other values", e);
        }
    }

    /** The array in {@code bytes}, which must have {@code size} elements. */
    static List<?> read(byte[] bytes, int size, String layout) {
        List<?> array;
        try {
            array = JSON.readValue(bytes, List.class);
        } catch (IOException e) {
            throw new IllegalStateException("A stored value is not the JSON array " + layout + ": " + e.getMessage(),
                    e);
        }
        if (array.size() != size) {
            throw new IllegalStateException("A stored value is " + array + ", not the JSON array " + layout
                    + ": was the key written by another kind of state?");
        }
        return array;
    }

    static Long txid(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
