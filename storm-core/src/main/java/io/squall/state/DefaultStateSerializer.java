package io.squall.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.squall.Config;
import io.squall.config.TopologySettings;
import io.squall.task.TopologyContext;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.util.List;
import java.util.Map;

/**
 * Serializes any state value with Kryo, writing its class name so that no registration is needed;
 * classes without a no-argument constructor are created without calling one. The serializers a topology names in
 * {@code topology.kryo.register} ({@code {class: serializer}}) are used for their classes, which are still written by
 * name. Kryo instances are per thread.
 */
public final class DefaultStateSerializer<T> implements Serializer<T> {
    private static final long serialVersionUID = 1L;

    private final List<Class<?>> classesToRegister;
    /** {@code topology.kryo.register}: class names (nothing to do) and {class: serializer} maps. */
    private final List<Object> registrations;
    private transient ThreadLocal<Kryo> kryo;

    public DefaultStateSerializer() {
        this(List.of());
    }

    /** @param classesToRegister classes registered up front, so their names are not written with every value */
    public DefaultStateSerializer(List<Class<?>> classesToRegister) {
        this(Map.of(), classesToRegister);
    }

    /**
     * A serializer that uses the serializers of the topology's {@code topology.kryo.register}, as Storm's.
     *
     * @param classesToRegister classes registered up front, so their names are not written with every value
     */
    public DefaultStateSerializer(Map<String, Object> topoConf, List<Class<?>> classesToRegister) {
        this.classesToRegister = List.copyOf(classesToRegister);
        this.registrations = TopologySettings.kryoRegistrations(
                topoConf == null ? null : topoConf.get(Config.TOPOLOGY_KRYO_REGISTER));
    }

    /**
     * Storm's constructor: a serializer that uses the serializers of the topology's {@code topology.kryo.register}
     * and registers {@code classesToRegister} up front, as {@link #DefaultStateSerializer(Map, List)}. The context is
     * not needed: Squall's Kryo instances are per thread, not per task.
     */
    public DefaultStateSerializer(Map<String, Object> topoConf, TopologyContext context,
                                  List<Class<?>> classesToRegister) {
        this(topoConf, classesToRegister == null ? List.of() : classesToRegister);
    }

    /**
     * Storm's constructor: a serializer that uses the serializers of the topology's {@code topology.kryo.register},
     * registering no classes up front.
     */
    public DefaultStateSerializer(Map<String, Object> topoConf, TopologyContext context) {
        this(topoConf, List.of());
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
        addSerializers(k);
        return k;
    }

    /**
     * Adds the serializers of {@code topology.kryo.register}'s {@code {class: serializer}} entries as default
     * serializers: the class keeps being written by name, not by a registration number, so state written before the
     * registrations changed still reads. (The topology's check at submit has loaded them already.)
     */
    @SuppressWarnings({"unchecked", "rawtypes"}) // Kryo's addDefaultSerializer takes a raw Class
    private void addSerializers(Kryo k) {
        for (Object r : registrations) {
            if (!(r instanceof Map<?, ?> m)) {
                continue; // A class name: Kryo writes any class by name without it.
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                try {
                    Class type = Class.forName(String.valueOf(e.getKey()), false, k.getClassLoader());
                    Class<?> serializer = Class.forName(String.valueOf(e.getValue()), false, k.getClassLoader());
                    k.addDefaultSerializer(type,
                            (com.esotericsoftware.kryo.Serializer) serializer.getDeclaredConstructor().newInstance());
                } catch (ReflectiveOperationException | ClassCastException | LinkageError ex) {
                    throw new IllegalArgumentException(Config.TOPOLOGY_KRYO_REGISTER + ": cannot use serializer "
                            + e.getValue() + " for " + e.getKey() + " in the state (a Kryo Serializer with a public "
                            + "no-argument constructor, on the topology's class path): " + ex, ex);
                }
            }
        }
    }

    /** @throws UnserializableStateException naming the value's class and what to do when Kryo cannot write it */
    @Override
    public byte[] serialize(T obj) {
        Kryo k = kryo();
        try (Output out = new Output(64, -1)) {
            k.writeClassAndObject(out, obj);
            return out.toBytes();
        } catch (RuntimeException | StackOverflowError e) { // Kryo, the module system, or a cycle (no references)
            String type = obj == null ? "null" : obj.getClass().getName();
            String reason = e instanceof StackOverflowError ? "its object graph is too deep or has a cycle"
                    : e.getMessage();
            throw new UnserializableStateException("cannot serialize a state value of class " + type + " (" + reason
                    + "): " + UnserializableStateException.howToFix(type), type, e);
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
