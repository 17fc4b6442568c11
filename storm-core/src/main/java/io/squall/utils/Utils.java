package io.squall.utils;

import io.squall.tuple.Values;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;

/** The few helpers that Storm topologies reach for. */
public final class Utils {
    /** The stream a component emits on when it names none. */
    public static final String DEFAULT_STREAM_ID = "default";

    private Utils() {
    }

    /** Sleeps, keeping the interrupt flag if interrupted. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The values of a tuple. */
    public static Values tuple(Object... values) {
        return new Values(values);
    }

    /** A random long, for ids. */
    public static long secureRandomLong() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** An int from a config value that may be any number or a numeric string; {@code dflt} if null. */
    public static Integer getInt(Object o, Integer dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof String s) {
            return Integer.parseInt(s.trim());
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " (" + o.getClass().getName() + ") to int");
    }

    /** An int from a config value; throws if null. */
    public static Integer getInt(Object o) {
        Integer i = getInt(o, null);
        if (i == null) {
            throw new IllegalArgumentException("Don't know how to convert null to int");
        }
        return i;
    }

    /** A boolean from a config value; {@code dflt} if null. */
    public static boolean getBoolean(Object o, boolean dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " to boolean");
    }

    /** Java-serializes an object. */
    public static byte[] javaSerialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize " + o.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /** Java-deserializes an object of the expected class. */
    public static <T> T javaDeserialize(byte[] bytes, Class<T> type) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Java-serializes and deserializes: a deep copy of a serializable object. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T copy(T o) {
        return (T) javaDeserialize(javaSerialize(o), Object.class);
    }
}
