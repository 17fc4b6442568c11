package io.squall.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.List;

/**
 * Serializes any state value with Kryo, writing its class name so that no registration is needed;
 * classes without a no-argument constructor are created without calling one. Kryo instances are per
 * thread.
 */
public final class DefaultStateSerializer<T> implements Serializer<T> {
    private static final long serialVersionUID = 1L;

    private final List<Class<?>> classesToRegister;
    private transient ThreadLocal<Kryo> kryo;

    public DefaultStateSerializer() {
        this(List.of());
    }

    /** @param classesToRegister classes registered up front, so their names are not written with every value */
    public DefaultStateSerializer(List<Class<?>> classesToRegister) {
        this.classesToRegister = List.copyOf(classesToRegister);
    }

    private Kryo kryo() {
        if (kryo == null) {
            kryo = ThreadLocal.withInitial(this::newKryo);
        }
        return kryo.get();
    }

    private Kryo newKryo() {
        Kryo k = new Kryo();
        k.setRegistrationRequired(false);
        k.setReferences(false);
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        k.setClassLoader(Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : DefaultStateSerializer.class.getClassLoader());
        for (Class<?> c : classesToRegister) {
            k.register(c);
        }
        return k;
    }

    /** @throws IllegalArgumentException naming the value's class when Kryo cannot write it */
    @Override
    public byte[] serialize(T obj) {
        Kryo k = kryo();
        try (Output out = new Output(64, -1)) {
            k.writeClassAndObject(out, obj);
            return out.toBytes();
        } catch (RuntimeException e) { // Kryo, or reflection refused by the module system
            throw new IllegalArgumentException("cannot serialize a state value of class "
                    + (obj == null ? "null" : obj.getClass().getName()) + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    @Override
    public T deserialize(byte[] b) {
        try (Input in = new Input(b)) {
            return (T) kryo().readClassAndObject(in);
        }
    }
}
