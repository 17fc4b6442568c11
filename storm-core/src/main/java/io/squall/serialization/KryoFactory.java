package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;
import io.squall.topology.InvalidTopologyException;
import io.squall.tuple.Values;
import io.squall.windowing.LateTuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Kryo instances that serialize tuples. Kryo is not thread-safe: each thread that serializes
 * makes its own instance. With {@code topology.fall.back.on.java.serialization} (true by default, as in Storm
 * up to 2.2) a value of an unregistered {@link Serializable} class is written with Java serialization (its class
 * name and Java's format: slower and larger than a registered class), and one that is not Serializable fails
 * naming its class. With it false, registration is required, so every unregistered class fails loudly.
 *
 * <p>The instance comes from the topology's {@link IKryoFactory} ({@code topology.kryo.factory}, by default
 * {@link DefaultKryoFactory}, which does the above), called where Storm calls it: see {@link IKryoFactory}.
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
     * A Kryo instance for a topology: from its {@code topology.kryo.factory}, with the registrations of its
     * {@code settings} ({@code topology.kryo.register}, then each of {@code topology.kryo.decorators} in turn).
     *
     * @param conf the topology's configuration, which names the factory and is passed to it
     * @throws InvalidConfigException naming a registered class, serializer, decorator or factory that cannot be
     *                                loaded or is not of its kind
     */
    public static Kryo create(TopologySettings settings, Map<String, Object> conf, ClassLoader loader) {
        return create(factory(conf.get(ConfigKeys.TOPOLOGY_KRYO_FACTORY.name()), loader), conf,
                settings.kryoRegistrations(), settings.kryoDecorators(), settings.skipMissingKryoRegistrations(),
                loader, List.of());
    }

    /**
     * A Kryo instance from the {@link DefaultKryoFactory} with Squall's registrations and the user's, then the user's
     * decorators ({@link IKryoDecorator} class names, in order). With {@code skipMissing}
     * ({@code topology.skip.missing.kryo.registrations}) a class, serializer or decorator that is not on the class
     * path is logged and left out.
     *
     * @throws InvalidConfigException naming a registered class, serializer or decorator that cannot be loaded
     */
    public static Kryo create(List<Object> registrations, List<String> decorators, boolean fallBackOnJava,
                              boolean skipMissing, ClassLoader loader, List<Class<?>> systemClasses) {
        return create(new DefaultKryoFactory(), Map.of(ConfigKeys.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION.name(),
                fallBackOnJava), registrations, decorators, skipMissing, loader, systemClasses);
    }

    /**
     * A Kryo instance from {@code factory}, which is called at each step as {@link IKryoFactory} says, with
     * {@code conf}; between the steps, Squall's registrations, the user's, and the decorators.
     */
    private static Kryo create(IKryoFactory factory, Map<String, Object> conf, List<Object> registrations,
                               List<String> decorators, boolean skipMissing, ClassLoader loader,
                               List<Class<?>> systemClasses) {
        Map<String, Object> readOnly = Collections.unmodifiableMap(conf);
        Kryo kryo = factory.getKryo(readOnly);
        if (kryo == null) {
            throw new InvalidConfigException(ConfigKeys.TOPOLOGY_KRYO_FACTORY.name() + ": "
                    + factory.getClass().getName() + ".getKryo returned null instead of a Kryo instance");
        }
        kryo.setClassLoader(loader);
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
        registerLibraries(kryo, loader);
        factory.preRegister(kryo, readOnly);
        register(kryo, registrations, skipMissing, loader);
        factory.postRegister(kryo, readOnly);
        for (String d : decorators) {
            if (!skipMissing || present(d, "decorator", loader)) {
                decorator(d, loader).decorate(kryo);
            }
        }
        factory.postDecorate(kryo, readOnly);
        return kryo;
    }

    /** Has every {@link SerializationRegister} on the topology's class path register its classes. */
    private static void registerLibraries(Kryo kryo, ClassLoader loader) {
        try {
            for (SerializationRegister r : ServiceLoader.load(SerializationRegister.class, loader)) {
                try {
                    r.register(kryo);
                } catch (Exception e) {
                    throw new InvalidTopologyException("SerializationRegister " + r.getClass().getName()
                            + " failed to register its classes with Kryo: " + e, e);
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new InvalidTopologyException("A SerializationRegister listed in the topology's "
                    + "META-INF/services cannot be made: " + e.getMessage(), e);
        }
    }

    /** Registers the classes of {@code topology.kryo.register}, each with its serializer when it names one. */
    private static void register(Kryo kryo, List<Object> registrations, boolean skipMissing, ClassLoader loader) {
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

    /**
     * A new instance of the factory class {@code name} names ({@code topology.kryo.factory}); the
     * {@link DefaultKryoFactory} when it names none.
     *
     * @throws InvalidConfigException naming the key and the class when it cannot be loaded, is not an
     *                                {@link IKryoFactory} or cannot be made
     */
    private static IKryoFactory factory(Object name, ClassLoader loader) {
        String key = ConfigKeys.TOPOLOGY_KRYO_FACTORY.name();
        if (name == null || DefaultKryoFactory.class.getName().equals(name)) {
            return new DefaultKryoFactory();
        }
        Class<?> k;
        try {
            k = Class.forName(String.valueOf(name), false, loader);
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException(key + " names class '" + name
                    + "', which is not on the topology's class path");
        }
        if (!IKryoFactory.class.isAssignableFrom(k)) {
            throw new InvalidConfigException(key + ": '" + name + "' is not an IKryoFactory");
        }
        try {
            return (IKryoFactory) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InvalidConfigException(key + ": cannot create '" + name
                    + "' (it needs a public no-argument constructor): " + e);
        }
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
