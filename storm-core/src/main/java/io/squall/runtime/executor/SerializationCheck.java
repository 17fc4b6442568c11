package io.squall.runtime.executor;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.routing.Route;
import io.squall.serialization.KryoFactory;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In local mode tuples pass by reference and are never serialized, so a value that cannot cross workers
 * would only fail on a cluster. This check serializes the first value of each class on each stream once
 * and throws {@link UnserializableValueException} naming the component, stream and class if it fails.
 * Owned by one executor thread; after the first tuples it costs one class comparison per value, and the stream's
 * classes are found with no map look-up while a task keeps emitting on one stream (the usual case).
 */
public final class SerializationCheck {
    private final Kryo kryo;
    private final Output scratch = new Output(4096, -1);
    private final Map<Route, Seen> byRoute = new IdentityHashMap<>();
    /**
     * The route checked last and its classes, so that a run of emits on one stream costs no identity-map look-up
     * (the route's identity hash and a probe) per tuple; the check is on by default in local mode.
     */
    private Route lastRoute;
    private Seen lastSeen;

    /** The classes seen on one stream, and the classes of the last tuple as a fast path. */
    private static final class Seen {
        final Set<Class<?>> classes = new HashSet<>();
        Class<?>[] last = new Class<?>[0];
    }

    /** A check that serializes with {@code kryo}, which it owns from now on. */
    public SerializationCheck(Kryo kryo) {
        this.kryo = kryo;
    }

    void check(Route route, List<Object> values) {
        Seen seen = route == lastRoute ? lastSeen : seenOn(route);
        int n = values.size();
        if (seen.last.length != n) {
            seen.last = new Class<?>[n];
        }
        for (int i = 0; i < n; i++) {
            Object v = values.get(i);
            if (v == null) {
                continue;
            }
            Class<?> c = v.getClass();
            if (seen.last[i] == c) {
                continue;
            }
            if (!seen.classes.contains(c)) {
                trySerialize(route, c, v);
                seen.classes.add(c);
            }
            seen.last[i] = c;
        }
    }

    private Seen seenOn(Route route) {
        Seen seen = byRoute.get(route);
        if (seen == null) {
            seen = new Seen();
            byRoute.put(route, seen);
        }
        lastRoute = route;
        lastSeen = seen;
        return seen;
    }

    private void trySerialize(Route route, Class<?> c, Object v) {
        try {
            scratch.reset();
            kryo.writeClassAndObject(scratch, v);
        } catch (RuntimeException | StackOverflowError e) {
            throw new UnserializableValueException("Component '" + route.componentId() + "' emitted a value of class "
                    + c.getName() + " on stream '" + route.streamId() + "' that cannot be serialized for another worker: "
                    + e.getMessage() + ". " + KryoFactory.howToSerialize(c), e);
        }
        try {
            // Read back too: a serializer whose read does not match its write fails only in the receiving worker.
            kryo.readClassAndObject(new Input(scratch.getBuffer(), 0, scratch.position()));
        } catch (RuntimeException | StackOverflowError e) {
            throw new UnserializableValueException("Component '" + route.componentId() + "' emitted a value of class "
                    + c.getName() + " on stream '" + route.streamId() + "' that another worker could not read back: "
                    + e.getMessage() + ". Check the serializer registered for it, or register it with "
                    + "Config.registerSerialization(" + c.getSimpleName() + ".class)", e);
        }
    }
}
