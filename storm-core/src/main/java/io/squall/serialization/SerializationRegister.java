package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;

/**
 * Registers a library's classes and serializers with every Kryo instance of every topology whose class path holds it,
 * without the topology's configuration naming it: list the implementation in the library's
 * {@code META-INF/services/io.squall.serialization.SerializationRegister}, and Java's {@link java.util.ServiceLoader}
 * finds it through the topology's class loader. Called after Squall's own registrations and before the
 * {@link IKryoFactory}'s {@code preRegister}, as in Storm; registrars found in one class path are called in the
 * order the class path lists them, the same in every worker. It needs a public no-argument constructor.
 */
public interface SerializationRegister {
    /**
     * Registers what this library adds with {@code kryo}.
     *
     * @throws Exception if it cannot; the topology is then refused at submit, naming this class
     */
    void register(Kryo kryo) throws Exception;
}
