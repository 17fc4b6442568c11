package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what a {@link KryoValuesSerializer} of the same configuration wrote. One owner thread. */
public class KryoValuesDeserializer {
    private final Kryo kryo;

    /** A deserializer for the topology configuration {@code conf}. */
    public KryoValuesDeserializer(Map<String, Object> conf) {
        this.kryo = SerializationFactory.getKryo(conf);
    }

    /** The values {@link KryoValuesSerializer#serializeInto} wrote into {@code input}. */
    @SuppressWarnings("unchecked")
    public List<Object> deserializeFrom(Input input) {
        return kryo.readObject(input, ArrayList.class);
    }

    /** The values in {@code ser}. */
    public List<Object> deserialize(byte[] ser) {
        return deserializeFrom(new Input(ser));
    }

    /** The object {@link KryoValuesSerializer#serializeObject} wrote as {@code ser}. */
    public Object deserializeObject(byte[] ser) {
        return kryo.readClassAndObject(new Input(ser));
    }
}
