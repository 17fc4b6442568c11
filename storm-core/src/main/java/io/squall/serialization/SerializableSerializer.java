package io.squall.serialization;

import com.esotericsoftware.kryo.serializers.JavaSerializer;

/**
 * Writes a registered {@link java.io.Serializable} class with Java serialization, under the name Storm gives this
 * serializer: {@code conf.registerSerialization(Foo.class, SerializableSerializer.class)} or
 * {@code {Foo: io.squall.serialization.SerializableSerializer}} in {@code topology.kryo.register}. It reads classes
 * through the topology's class loader. Slower and larger than Kryo's own serializers; for a class Kryo cannot
 * write otherwise.
 */
public class SerializableSerializer extends JavaSerializer {
}
