package io.squall.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.Config;
import io.squall.task.TopologyContext;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void aValueKryoCannotWriteGetsAnErrorSayingWhatToDo() {
        Thread unserializable = new Thread();
        UnserializableStateException e = assertThrows(UnserializableStateException.class,
                () -> new DefaultStateSerializer<>().serialize(unserializable));
        assertEquals("java.lang.Thread", e.valueClass());
        assertTrue(e.getMessage().contains("topology.kryo.register")
                && e.getMessage().contains("Config.registerSerialization(conf, Thread.class"), e.getMessage());
    }

    /** Holds what Kryo cannot write by itself. */
    static final class Worker {
        final Thread thread;

        Worker(String name) {
            this.thread = new Thread(() -> { }, name);
        }
    }

    /** Writes a {@link Worker} as its thread's name. */
    public static final class WorkerSerializer extends com.esotericsoftware.kryo.Serializer<Worker> {
        @Override
        public void write(Kryo kryo, Output output, Worker w) {
            output.writeString(w.thread.getName());
        }

        @Override
        public Worker read(Kryo kryo, Input input, Class<? extends Worker> type) {
            return new Worker(input.readString());
        }
    }

    @Test
    void usesTheSerializersOfTopologyKryoRegister() {
        Config conf = new Config();
        conf.registerSerialization(Worker.class, WorkerSerializer.class);
        DefaultStateSerializer<Object> s = new DefaultStateSerializer<>(conf, List.of());
        Worker back = (Worker) s.deserialize(s.serialize(new Worker("w-7")));
        assertEquals("w-7", back.thread.getName());
        // The class is written by name (Kryo marks its last character), not by a number that depends on the order
        // of the registrations, so what was written reads back after they change.
        String name = Worker.class.getName();
        assertTrue(new String(s.serialize(new Worker("w")), java.nio.charset.StandardCharsets.ISO_8859_1)
                .contains(name.substring(0, name.length() - 1)));
    }

    /** Storm's constructors take the task's context too (null here, as a Storm test would pass a mock). */
    @Test
    void stormsConstructorsUseTopologyKryoRegisterAndTheClassesToRegister() {
        Config conf = new Config();
        conf.registerSerialization(Worker.class, WorkerSerializer.class);
        DefaultStateSerializer<Object> two = new DefaultStateSerializer<>(conf, (TopologyContext) null);
        assertEquals("w-1", ((Worker) two.deserialize(two.serialize(new Worker("w-1")))).thread.getName());

        DefaultStateSerializer<Object> three = new DefaultStateSerializer<>(conf, null, List.of(Point.class));
        assertEquals("w-2", ((Worker) three.deserialize(three.serialize(new Worker("w-2")))).thread.getName());
        Point p = new Point(4, "four");
        assertEquals(p, three.deserialize(three.serialize(p)));
        // Point is registered up front, so its name is not written with the value, as it is without registration.
        String name = Point.class.getName();
        String stem = name.substring(0, name.length() - 1);
        assertFalse(new String(three.serialize(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(stem));
        assertTrue(new String(two.serialize(p), java.nio.charset.StandardCharsets.ISO_8859_1).contains(stem));
    }
}
