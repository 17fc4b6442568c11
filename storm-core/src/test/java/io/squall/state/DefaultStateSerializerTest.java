package io.squall.state;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DefaultStateSerializerTest {
    /** No no-argument constructor, not Serializable. */
    record Point(int x, String label) {
    }

    @Test
    void roundTripsValuesOfAnyClassWithoutRegistration() {
        DefaultStateSerializer<Object> s = new DefaultStateSerializer<>();
        for (Object v : List.of("word", 42L, new TreeMap<>(Map.of("a", 1)), List.of(1, 2), new Point(3, "p"))) {
            assertEquals(v, s.deserialize(s.serialize(v)));
        }
    }

    @Test
    void aValueKryoCannotWriteIsNamedInTheError() {
        DefaultStateSerializer<Object> s = new DefaultStateSerializer<>();
        Thread unserializable = new Thread();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.serialize(unserializable));
        assertTrue(e.getMessage().contains("java.lang.Thread"), e.getMessage());
    }
}
