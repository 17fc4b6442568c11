package io.squall.runtime.executor;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.routing.Route;
import io.squall.serialization.KryoFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * In local mode tuples pass by reference and are never serialized, so a value that cannot cross workers
 * would only fail on a cluster. This check serializes the first value of each class on each stream once and,
 * if that fails, logs a warning naming the component, stream and class (the value still passes by reference,
 * as it does in Storm's local mode and to a task in the same worker on a cluster) or, when it is told to stop,
 * throws {@link UnserializableValueException} with the same words, which stops the topology.
 * Owned by one executor thread; after the first tuples it costs one class comparison per value, and the stream's
 * classes are found with no map look-up while a task keeps emitting on one stream (the usual case).
 */
public final class SerializationCheck {
    private static final Logger LOG = LoggerFactory.getLogger(SerializationCheck.class);
    private final Kryo kryo;
    private final boolean stops;
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

    /**
     * A check that serializes with {@code kryo}, which it owns from now on.
     *
     * @param stops whether a value that fails stops the topology; otherwise it is logged once and passes
     */
    public SerializationCheck(Kryo kryo, boolean stops) {
        this.kryo = kryo;
        this.stops = stops;
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
        UnserializableValueException problem = problem(route, c, v);
        if (problem == null) {
            return;
        }
        if (stops) {
            throw problem;
        }
        LOG.warn("{} It passes here by reference, as it would to a task in the same worker; set "
                + "topology.testing.always.try.serialize: true to stop the topology on such a value instead",
                problem.getMessage());
    }

    /** What is wrong with serializing {@code v} for another worker, or null if it is written and read back. */
    private UnserializableValueException problem(Route route, Class<?> c, Object v) {
        String what = "Component '" + route.componentId() + "' emitted a value of class " + c.getName()
                + " on stream '" + route.streamId() + "' that ";
        try {
            scratch.reset();
            kryo.writeClassAndObject(scratch, v);
        } catch (RuntimeException | StackOverflowError e) {
            return new UnserializableValueException(what + "cannot be serialized for another worker: "
                    + e.getMessage() + ". " + KryoFactory.howToSerialize(c), e);
        }
        try {
            // Read back too: a serializer whose read does not match its write fails only in the receiving worker.
            kryo.readClassAndObject(new Input(scratch.getBuffer(), 0, scratch.position()));
        } catch (RuntimeException | StackOverflowError e) {
            return new UnserializableValueException(what + "another worker could not read back: " + e.getMessage()
                    + ". Check the serializer registered for it, or register it with Config.registerSerialization("
                    + c.getSimpleName() + ".class).", e);
        }
        return null;
    }
}
