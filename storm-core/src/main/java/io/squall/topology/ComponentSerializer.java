package io.squall.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Java-serializes spouts and bolts at build time; when that fails, walks the object graph to name the
 * field that holds the offending object, so the user sees "field SplitBolt.lock (java.lang.Object)"
 * rather than a bare class name.
 */
final class ComponentSerializer {
    private static final int MAX_VISITED = 100_000;

    private ComponentSerializer() {
    }

    static byte[] serialize(String componentId, Object component) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(component);
        } catch (NotSerializableException e) {
            String where = findField(component, e.getMessage());
            throw new InvalidTopologyException("Component '" + componentId + "' (" + component.getClass().getName()
                    + ") is not serializable: " + (where != null ? where : "it holds a " + e.getMessage())
                    + ". Make that field transient and create its value in open()/prepare(), or use a "
                    + "serializable type.", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidTopologyException("Component '" + componentId + "' (" + component.getClass().getName()
                    + ") cannot be serialized: " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Breadth-first search for the shortest field path to an object of the named class. */
    static String findField(Object root, String badClassName) {
        record Node(Object value, String path) { }
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> queue = new ArrayDeque<>();
        queue.add(new Node(root, root.getClass().getSimpleName()));
        while (!queue.isEmpty() && seen.size() < MAX_VISITED) {
            Node n = queue.poll();
            Object v = n.value();
            if (v == null || !seen.add(v)) {
                continue;
            }
            if (v.getClass().getName().equals(badClassName)) {
                return "field " + n.path() + " holds a " + badClassName + ", which is not Serializable";
            }
            if (v instanceof Collection<?> c) {
                int i = 0;
                for (Object e : c) {
                    queue.add(new Node(e, n.path() + "[" + i++ + "]"));
                }
                continue;
            }
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    queue.add(new Node(e.getKey(), n.path() + ".key(" + e.getKey() + ")"));
                    queue.add(new Node(e.getValue(), n.path() + "[" + e.getKey() + "]"));
                }
                continue;
            }
            if (v.getClass().isArray()) {
                if (!v.getClass().getComponentType().isPrimitive()) {
                    for (int i = 0; i < Array.getLength(v); i++) {
                        queue.add(new Node(Array.get(v, i), n.path() + "[" + i + "]"));
                    }
                }
                continue;
            }
            for (Class<?> k = v.getClass(); k != null && Serializable.class.isAssignableFrom(k); k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) {
                        continue;
                    }
                    try {
                        f.setAccessible(true);
                        queue.add(new Node(f.get(v), n.path() + "." + f.getName()));
                    } catch (RuntimeException | IllegalAccessException inaccessible) {
                        // A JDK-internal field we may not read: the JDK's own types serialize or fail on their own.
                    }
                }
            }
        }
        return null;
    }
}
