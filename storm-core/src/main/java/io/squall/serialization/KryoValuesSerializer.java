package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a tuple's values (or any object) with the Kryo a topology's workers use, as configured by {@code conf}
 * (registrations, decorators, the Java serialization fallback); {@link KryoValuesDeserializer} reads them back. One
 * owner thread: Kryo is not thread-safe.
 */
public class KryoValuesSerializer {
    private final Kryo kryo;
    private final Output buffer = new Output(2048, -1);

    /** A serializer for the topology configuration {@code conf}. */
    public KryoValuesSerializer(Map<String, Object> conf) {
        this.kryo = SerializationFactory.getKryo(conf);
    }

    /** Writes {@code values} into {@code out}. */
    public void serializeInto(List<Object> values, Output out) {
        kryo.writeObject(out, values instanceof ArrayList<?> ? values : new ArrayList<>(values));
    }

    /** The bytes of {@code values}. */
    public byte[] serialize(List<Object> values) {
        buffer.reset();
        serializeInto(values, buffer);
        return buffer.toBytes();
    }

    /** The bytes of {@code obj}, with its class. */
    public byte[] serializeObject(Object obj) {
        buffer.reset();
        kryo.writeClassAndObject(buffer, obj);
        return buffer.toBytes();
    }
}
