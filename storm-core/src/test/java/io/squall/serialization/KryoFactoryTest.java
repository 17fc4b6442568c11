package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KryoFactoryTest {
    /** Only Serializable: never registered with Kryo, as storm-starter's Rankings. */
    static final class Ranked implements Serializable {
        private static final long serialVersionUID = 1L;
        final String word;
        final long count;

        Ranked(String word, long count) {
            this.word = word;
            this.count = count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Ranked r && r.word.equals(word) && r.count == count;
        }

        @Override
        public int hashCode() {
            return Objects.hash(word, count);
        }
    }

    /** Neither registered nor Serializable. */
    static final class Opaque {
        final int x = 1;
    }

    private static Kryo kryo(boolean fallBack, List<Object> registrations) {
        return KryoFactory.create(registrations, fallBack, KryoFactoryTest.class.getClassLoader(), List.of());
    }

    private static Object roundTrip(Kryo writer, Kryo reader, Object value) {
        Output out = new Output(256, -1);
        writer.writeClassAndObject(out, value);
        return reader.readClassAndObject(new Input(out.toBytes()));
    }

    @Test
    void anUnregisteredSerializableValueFallsBackOnJavaSerialization() {
        Ranked r = new Ranked("storm", 42);
        assertEquals(r, roundTrip(kryo(true, List.of()), kryo(true, List.of()), r));
    }

    @Test
    void withoutFallBackAnUnregisteredSerializableValueFailsNamingItsClass() {
        RuntimeException e = assertThrows(IllegalArgumentException.class,
                () -> kryo(false, List.of()).writeClassAndObject(new Output(256, -1), new Ranked("a", 1)));
        assertTrue(e.getMessage().contains(Ranked.class.getName()), e.getMessage());
    }

    @Test
    void anUnregisteredValueThatIsNotSerializableFailsEvenWithFallBack() {
        KryoException e = assertThrows(KryoException.class,
                () -> kryo(true, List.of()).writeClassAndObject(new Output(256, -1), new Opaque()));
        assertTrue(e.getMessage().contains(Opaque.class.getName()) && e.getMessage().contains("Serializable"),
                e.getMessage());
    }

    @Test
    void aRegisteredClassKeepsKryosFieldSerializerWithFallBack() {
        Kryo writer = kryo(true, List.of(Opaque.class.getName()));
        Object back = roundTrip(writer, kryo(true, List.of(Opaque.class.getName())), new Opaque());
        assertEquals(Opaque.class, back.getClass());
        assertEquals(FieldSerializer.class,
                writer.getRegistration(Opaque.class).getSerializer().getClass());
    }

    @Test
    void theHintSaysBothWays() {
        String hint = KryoFactory.howToSerialize(Ranked.class);
        assertTrue(hint.contains("Config.registerSerialization(Ranked.class)")
                && hint.contains("topology.fall.back.on.java.serialization"), hint);
    }
}
