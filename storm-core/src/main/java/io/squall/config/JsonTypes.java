package io.squall.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration values with the types Storm's components get. Storm hands a component its configuration after a
 * round trip through JSON, so every whole number is a {@code Long} and every other number a {@code Double}, whatever
 * the topology put; code written for Storm casts them so ({@code (Long) conf.get("my.key")}). Lists and maps are
 * copied with their values converted; values that are not JSON's (objects a local topology put in) are kept.
 */
public final class JsonTypes {
    private JsonTypes() {
    }

    /** A copy of {@code conf} with JSON's number types. */
    public static Map<String, Object> of(Map<String, Object> conf) {
        Map<String, Object> out = new HashMap<>(conf.size() * 2);
        conf.forEach((k, v) -> out.put(k, value(v)));
        return out;
    }

    /** {@code v} with JSON's number types. */
    public static Object value(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(value(e)));
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>(m.size() * 2);
            m.forEach((k, e) -> out.put(k, value(e)));
            return out;
        }
        return v;
    }
}
