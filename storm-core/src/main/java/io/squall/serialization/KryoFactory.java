package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.SerializerFactory;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;
import io.squall.tuple.Values;
import io.squall.windowing.LateTuple;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Kryo instances that serialize tuples. Kryo is not thread-safe: each thread that serializes
 * makes its own instance. With {@code topology.fall.back.on.java.serialization} (true by default, as in Storm
 * up to 2.2) a value of an unregistered {@link Serializable} class is written with Java serialization (its class
 * name and Java's format: slower and larger than a registered class), and one that is not Serializable fails
 * naming its class. With it false, registration is required, so every unregistered class fails loudly.
 */
public final class KryoFactory {
    /** Registered by Squall, in this order, before the user's classes; every worker must agree. */
    private static final List<Class<?>> BUILT_IN = List.of(
            Values.class, ArrayList.class, LinkedList.class, HashMap.class, LinkedHashMap.class, TreeMap.class,
            HashSet.class, LinkedHashSet.class, TreeSet.class, BigInteger.class, BigDecimal.class, Date.class,
            byte[].class, int[].class, long[].class, double[].class, float[].class, short[].class,
            char[].class, boolean[].class, String[].class, Object[].class, LateTuple.class);

    private static final Logger LOG = LoggerFactory.getLogger(KryoFactory.class);
    /** The missing names already logged: every thread makes its own Kryo, and each name is logged once. */
    private static final java.util.Set<String> SKIPPED_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private KryoFactory() {
    }

    /**
     * A Kryo instance with Squall's registrations and the user's.
     *
     * @param registrations {@code topology.kryo.register}: class names, or maps of class name to serializer
     * @param loader        the class loader of the topology's code
     * @param systemClasses the runtime's own message classes, registered after the built-ins
     * @throws InvalidConfigException naming a registered class or serializer that cannot be loaded
     */
    public static Kryo create(List<Object> registrations, boolean fallBackOnJava, ClassLoader loader,
                              List<Class<?>> systemClasses) {
        return create(registrations, List.of(), fallBackOnJava, false, loader, systemClasses);
    }

    /**
     * A Kryo instance with the registrations of a topology's {@code settings}: {@code topology.kryo.register}, then
     * each of {@code topology.kryo.decorators} in turn.
     *
     * @throws InvalidConfigException naming a registered class, serializer or decorator that cannot be loaded
     */
    public static Kryo create(TopologySettings settings, ClassLoader loader) {
        return create(settings.kryoRegistrations(), settings.kryoDecorators(), settings.fallBackOnJavaSerialization(),
                settings.skipMissingKryoRegistrations(), loader, List.of());
    }

    /**
     * A Kryo instance with Squall's registrations and the user's, then the user's decorators ({@link IKryoDecorator}
     * class names, in order). With {@code skipMissing} ({@code topology.skip.missing.kryo.registrations}) a class,
     * serializer or decorator that is not on the class path is logged and left out.
     *
     * @throws InvalidConfigException naming a registered class, serializer or decorator that cannot be loaded
     */
    public static Kryo create(List<Object> registrations, List<String> decorators, boolean fallBackOnJava,
                              boolean skipMissing, ClassLoader loader, List<Class<?>> systemClasses) {
        Kryo kryo = new Kryo();
        kryo.setClassLoader(loader);
        kryo.setRegistrationRequired(!fallBackOnJava);
        kryo.setReferences(false);
        // As Storm's: a class with a no-argument constructor is made by it, one without (a registered value class
        // with only field constructors, say) by Objenesis, so that what one worker writes another can read.
        kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        // Same formats as Kryo's defaults; they check declared sizes against the bytes received first.
        kryo.addDefaultSerializer(Collection.class, BoundedSerializers.Collections.class);
        for (Class<?> c : BUILT_IN) {
            if (c.isArray() && !c.getComponentType().isPrimitive()) {
                kryo.register(c, new BoundedSerializers.ObjectArrays(kryo, c));
            } else {
                kryo.register(c);
            }
        }
        for (Class<?> c : systemClasses) {
            kryo.register(c);
        }
        for (Object r : registrations) {
            if (r instanceof String name) {
                if (!skipMissing || present(name, "class", loader)) {
                    kryo.register(load(name, loader));
                }
            } else if (r instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String name = String.valueOf(e.getKey());
                    String serializer = String.valueOf(e.getValue());
                    if (skipMissing && !(present(name, "class", loader) && present(serializer, "serializer", loader))) {
                        continue;
                    }
                    Class<?> type = load(name, loader);
                    kryo.register(type, newSerializer(serializer, type, loader));
                }
            } else {
                throw new InvalidConfigException("topology.kryo.register entries must be class names or "
                        + "{class: serializer} maps, but got " + r);
            }
        }
        for (String d : decorators) {
            if (!skipMissing || present(d, "decorator", loader)) {
                decorator(d, loader).decorate(kryo);
            }
        }
        if (fallBackOnJava) {
            // Set after the registrations above, so registered classes keep Kryo's own serializers.
            kryo.addDefaultSerializer(Serializable.class, new JavaSerializer());
            kryo.setDefaultSerializer(new NotSerializable());
        }
        return kryo;
    }

    /**
     * What to do about a value that cannot be serialized: the end of every such error message.
     *
     * @param type the value's class, or null when it is not known
     */
    public static String howToSerialize(Class<?> type) {
        String register = type == null ? "Register each value's class with Config.registerSerialization"
                : "Register it with Config.registerSerialization(" + type.getSimpleName() + ".class)";
        return register + ", or make it java.io.Serializable and keep topology.fall.back.on.java.serialization "
                + "true (the default).";
    }

    /**
     * The serializer of last resort when falling back on Java serialization: an unregistered class that Kryo has no
     * default for and that is not Serializable has no way to be written, so it fails here, naming the class.
     */
    @SuppressWarnings("rawtypes") // Kryo's interface takes a raw Class
    private static final class NotSerializable implements SerializerFactory<Serializer<?>> {
        @Override
        public Serializer<?> newSerializer(Kryo kryo, Class type) {
            throw new KryoException("Class " + type.getName() + " is not registered with Kryo and is not "
                    + "java.io.Serializable, so it cannot fall back on Java serialization");
        }

        @Override
        public boolean isSupported(Class type) {
            return true;
        }
    }

    /** Whether class {@code name} loads; logs that it is left out when not (topology.skip.missing...). */
    private static boolean present(String name, String what, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            if (SKIPPED_LOGGED.add(name)) {
                LOG.warn("Kryo {} '{}' is not on the topology's class path; left out of its registrations, as "
                        + "topology.skip.missing.kryo.registrations says", what, name);
            }
            return false;
        }
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException("topology.kryo.register names class '" + name
                    + "', which is not on the topology's class path");
        }
    }

    /** The calling thread's context class loader, or this class's when it has none. */
    static ClassLoader contextLoader() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return loader != null ? loader : KryoFactory.class.getClassLoader();
    }

    private static IKryoDecorator decorator(String name, ClassLoader loader) {
        Class<?> k;
        try {
            k = Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException("topology.kryo.decorators names class '" + name
                    + "', which is not on the topology's class path");
        }
        if (!IKryoDecorator.class.isAssignableFrom(k)) {
            throw new InvalidConfigException("topology.kryo.decorators: '" + name + "' is not an IKryoDecorator");
        }
        try {
            return (IKryoDecorator) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InvalidConfigException("topology.kryo.decorators: cannot create '" + name
                    + "' (it needs a public no-argument constructor): " + e);
        }
    }

    private static Serializer<?> newSerializer(String name, Class<?> type, ClassLoader loader) {
        Class<?> k = load(name, loader);
        if (!Serializer.class.isAssignableFrom(k)) {
            throw new InvalidConfigException("topology.kryo.register: '" + name + "' for " + type.getName()
                    + " is not a Kryo Serializer");
        }
        try {
            return (Serializer<?>) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InvalidConfigException("topology.kryo.register: cannot create serializer '" + name + "' for "
                    + type.getName() + " (it needs a public no-argument constructor): " + e);
        }
    }
}
