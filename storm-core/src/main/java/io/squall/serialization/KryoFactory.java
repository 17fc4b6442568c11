package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.squall.config.InvalidConfigException;
import io.squall.tuple.Values;
import io.squall.windowing.LateTuple;

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
 * makes its own instance. Registration is required, so a value of a class the user did not register
 * fails loudly instead of writing class names into every tuple; with
 * {@code topology.fall.back.on.java.serialization} unregistered Serializable classes use Java
 * serialization instead.
 */
public final class KryoFactory {
    /** Registered by Squall, in this order, before the user's classes; every worker must agree. */
    private static final List<Class<?>> BUILT_IN = List.of(
            Values.class, ArrayList.class, LinkedList.class, HashMap.class, LinkedHashMap.class, TreeMap.class,
            HashSet.class, LinkedHashSet.class, TreeSet.class, BigInteger.class, BigDecimal.class, Date.class,
            byte[].class, int[].class, long[].class, double[].class, float[].class, short[].class,
            char[].class, boolean[].class, String[].class, Object[].class, LateTuple.class);

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
        Kryo kryo = new Kryo();
        kryo.setClassLoader(loader);
        kryo.setRegistrationRequired(!fallBackOnJava);
        kryo.setReferences(false);
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
                kryo.register(load(name, loader));
            } else if (r instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Class<?> type = load(String.valueOf(e.getKey()), loader);
                    kryo.register(type, newSerializer(String.valueOf(e.getValue()), type, loader));
                }
            } else {
                throw new InvalidConfigException("topology.kryo.register entries must be class names or "
                        + "{class: serializer} maps, but got " + r);
            }
        }
        if (fallBackOnJava) {
            kryo.addDefaultSerializer(Serializable.class, new JavaSerializer());
        }
        return kryo;
    }

    private static Class<?> load(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException("topology.kryo.register names class '" + name
                    + "', which is not on the topology's class path");
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
