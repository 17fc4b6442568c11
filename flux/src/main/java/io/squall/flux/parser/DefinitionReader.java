package io.squall.flux.parser;

import io.squall.flux.api.FluxException;
import io.squall.flux.model.BeanDef;
import io.squall.flux.model.BeanListReference;
import io.squall.flux.model.BeanReference;
import io.squall.flux.model.BoltDef;
import io.squall.flux.model.ConfigMethodDef;
import io.squall.flux.model.GroupingDef;
import io.squall.flux.model.IncludeDef;
import io.squall.flux.model.ObjectDef;
import io.squall.flux.model.PropertyDef;
import io.squall.flux.model.SpoutDef;
import io.squall.flux.model.StreamDef;
import io.squall.flux.model.TopologyDef;
import io.squall.flux.model.TopologySourceDef;
import io.squall.flux.model.VertexDef;
import io.squall.flux.model.WorkerHookDef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the maps and lists SnakeYAML read into a {@link TopologyDef}, refusing unknown keys and values of the wrong
 * type with a message that names the file, the place ({@code bolts[2] 'count'}) and what is allowed. Stateless.
 */
final class DefinitionReader {
    private static final List<String> TOP_KEYS = List.of("name", "config", "components", "spouts", "bolts",
            "streams", "includes", "workerHooks", "topologySource");
    private static final List<String> OBJECT_KEYS = List.of("className", "constructorArgs", "properties",
            "configMethods", "factory", "factoryArgs");
    private static final List<String> BEAN_KEYS = concat(List.of("id"), OBJECT_KEYS);
    private static final List<String> VERTEX_KEYS = concat(BEAN_KEYS, List.of("parallelism", "numTasks",
            "onHeapMemoryLoad", "offHeapMemoryLoad", "cpuLoad"));
    private static final List<String> SOURCE_KEYS = concat(List.of("methodName"), OBJECT_KEYS);

    private final String source;

    /** A reader whose messages name {@code source} (the file or resource). */
    DefinitionReader(String source) {
        this.source = source;
    }

    /** The definition in {@code yaml}, the value SnakeYAML loaded. */
    TopologyDef read(Object yaml) {
        if (yaml == null) {
            throw error("is empty: a Flux file needs at least a 'name' and spouts, bolts and streams (or a "
                    + "topologySource)");
        }
        Map<String, Object> top = map(yaml, "the top level");
        checkKeys(top, TOP_KEYS, "the top level");
        TopologyDef def = new TopologyDef();
        if (top.get("name") != null) {
            def.setName(scalar(top.get("name"), "name"));
        }
        if (top.get("config") != null) {
            def.setConfig(map(top.get("config"), "config"));
        }
        def.setComponents(readAll(top, "components", (m, p) -> bean(m, p, new BeanDef(), BEAN_KEYS)));
        def.setSpouts(readAll(top, "spouts", (m, p) -> bean(m, p, new SpoutDef(), VERTEX_KEYS)));
        def.setBolts(readAll(top, "bolts", (m, p) -> bean(m, p, new BoltDef(), VERTEX_KEYS)));
        def.setWorkerHooks(readAll(top, "workerHooks", (m, p) -> bean(m, p, new WorkerHookDef(), BEAN_KEYS)));
        def.setStreams(readAll(top, "streams", this::stream));
        def.setIncludes(readAll(top, "includes", this::include));
        if (top.get("topologySource") != null) {
            Map<String, Object> m = map(top.get("topologySource"), "topologySource");
            checkKeys(m, SOURCE_KEYS, "topologySource");
            TopologySourceDef ts = object(m, "topologySource", new TopologySourceDef());
            if (m.get("methodName") != null) {
                ts.setMethodName(scalar(m.get("methodName"), "topologySource.methodName"));
            }
            def.setTopologySource(ts);
        }
        return def;
    }

    private interface ItemReader<T> {
        T read(Map<String, Object> item, String path);
    }

    private <T> List<T> readAll(Map<String, Object> top, String section, ItemReader<T> reader) {
        Object value = top.get(section);
        if (value == null) {
            return new ArrayList<>();
        }
        List<Object> items = list(value, section);
        List<T> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = section + "[" + i + "]";
            T def = reader.read(map(items.get(i), path), path);
            if (def instanceof BeanDef b && !ids.add(b.getId())) {
                throw error(path + ": id '" + b.getId() + "' is defined twice in " + section
                        + "; give each a unique id");
            }
            out.add(def);
        }
        return out;
    }

    private <T extends BeanDef> T bean(Map<String, Object> m, String path, T def, List<String> keys) {
        Object id = m.get("id");
        if (id == null) {
            throw error(path + ": has no 'id'; give it one (id: \"my-id\") so that streams and refs can name it");
        }
        String where = path + " '" + scalar(id, path + ".id") + "'";
        checkKeys(m, keys, where);
        def.setId(scalar(id, path + ".id"));
        object(m, where, def);
        if (def instanceof VertexDef v) {
            v.setParallelism(integer(m, "parallelism", 1, where));
            if (v.getParallelism() < 1) {
                throw error(where + ": parallelism " + v.getParallelism() + " must be at least 1");
            }
            v.setNumTasks(integer(m, "numTasks", -1, where));
            v.setOnHeapMemoryLoad(decimal(m, "onHeapMemoryLoad", where));
            v.setOffHeapMemoryLoad(decimal(m, "offHeapMemoryLoad", where));
            v.setCpuLoad(decimal(m, "cpuLoad", where));
        }
        return def;
    }

    private <T extends ObjectDef> T object(Map<String, Object> m, String where, T def) {
        if (m.get("className") == null) {
            throw error(where + ": has no 'className'; name the Java class to make (className: \"com.example.X\")");
        }
        def.setClassName(scalar(m.get("className"), where + ".className"));
        def.setConstructorArgs(arguments(m.get("constructorArgs"), where + ".constructorArgs"));
        if (m.get("factory") != null) {
            def.setFactory(scalar(m.get("factory"), where + ".factory"));
        }
        def.setFactoryArgs(arguments(m.get("factoryArgs"), where + ".factoryArgs"));
        if (!def.getFactoryArgs().isEmpty() && def.getFactory() == null) {
            throw error(where + ": has factoryArgs but no 'factory' (the static method to call)");
        }
        if (def.hasConstructorArgs() && def.hasFactory()) {
            throw error(where + ": has both constructorArgs and a factory; use one of them");
        }
        List<PropertyDef> properties = new ArrayList<>();
        if (m.get("properties") != null) {
            List<Object> items = list(m.get("properties"), where + ".properties");
            for (int i = 0; i < items.size(); i++) {
                properties.add(property(map(items.get(i), where + ".properties[" + i + "]"),
                        where + ".properties[" + i + "]"));
            }
        }
        def.setProperties(properties);
        List<ConfigMethodDef> methods = new ArrayList<>();
        if (m.get("configMethods") != null) {
            List<Object> items = list(m.get("configMethods"), where + ".configMethods");
            for (int i = 0; i < items.size(); i++) {
                String p = where + ".configMethods[" + i + "]";
                Map<String, Object> item = map(items.get(i), p);
                checkKeys(item, List.of("name", "args"), p);
                ConfigMethodDef cm = new ConfigMethodDef();
                cm.setName(required(item, "name", p));
                cm.setArgs(arguments(item.get("args"), p + ".args"));
                methods.add(cm);
            }
        }
        def.setConfigMethods(methods);
        return def;
    }

    private PropertyDef property(Map<String, Object> m, String path) {
        checkKeys(m, List.of("name", "value", "ref"), path);
        PropertyDef p = new PropertyDef();
        p.setName(required(m, "name", path));
        if (m.containsKey("ref") && m.containsKey("value")) {
            throw error(path + " '" + p.getName() + "': has both 'value' and 'ref'; a property has one of them");
        }
        if (m.get("ref") != null) {
            p.setRef(scalar(m.get("ref"), path + ".ref"));
        } else if (m.containsKey("value")) {
            p.setValue(m.get("value"));
        } else {
            throw error(path + " '" + p.getName() + "': has neither 'value' nor 'ref'");
        }
        return p;
    }

    /** Arguments, with {@code {ref: id}} and {@code {reflist: [ids]}} turned into references. */
    private List<Object> arguments(Object value, String path) {
        if (value == null) {
            return new ArrayList<>();
        }
        List<Object> out = new ArrayList<>();
        List<Object> items = value instanceof List<?> ? list(value, path) : List.of(value);
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            if (item instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("ref")) {
                out.add(new BeanReference(scalar(m.get("ref"), path + "[" + i + "].ref")));
            } else if (item instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("reflist")) {
                List<String> ids = new ArrayList<>();
                for (Object id : list(m.get("reflist"), path + "[" + i + "].reflist")) {
                    ids.add(scalar(id, path + "[" + i + "].reflist"));
                }
                out.add(new BeanListReference(ids));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private StreamDef stream(Map<String, Object> m, String path) {
        String where = m.get("name") == null ? path : path + " '" + m.get("name") + "'";
        checkKeys(m, List.of("name", "from", "to", "grouping"), where);
        StreamDef s = new StreamDef();
        if (m.get("name") != null) {
            s.setName(String.valueOf(m.get("name")));
        }
        s.setFrom(required(m, "from", where));
        s.setTo(required(m, "to", where));
        if (m.get("grouping") == null) {
            throw error(where + ": has no 'grouping'; add one, e.g. grouping: {type: SHUFFLE}");
        }
        s.setGrouping(grouping(map(m.get("grouping"), where + ".grouping"), where + ".grouping"));
        return s;
    }

    private GroupingDef grouping(Map<String, Object> m, String where) {
        checkKeys(m, List.of("type", "streamId", "args", "customClass"), where);
        String type = required(m, "type", where);
        GroupingDef g = new GroupingDef();
        try {
            g.setType(GroupingDef.Type.valueOf(type));
        } catch (IllegalArgumentException e) {
            throw error(where + ": unknown grouping type '" + type + "'; use one of "
                    + Arrays.toString(GroupingDef.Type.values()));
        }
        if (m.get("streamId") != null) {
            g.setStreamId(scalar(m.get("streamId"), where + ".streamId"));
        }
        if (m.get("args") != null) {
            List<String> args = new ArrayList<>();
            for (Object a : list(m.get("args"), where + ".args")) {
                args.add(scalar(a, where + ".args"));
            }
            g.setArgs(args);
        }
        if (m.get("customClass") != null) {
            Map<String, Object> c = map(m.get("customClass"), where + ".customClass");
            checkKeys(c, OBJECT_KEYS, where + ".customClass");
            g.setCustomClass(object(c, where + ".customClass", new ObjectDef()));
        }
        return g;
    }

    private IncludeDef include(Map<String, Object> m, String path) {
        checkKeys(m, List.of("resource", "file", "override"), path);
        IncludeDef inc = new IncludeDef();
        inc.setFile(required(m, "file", path));
        inc.setResource(bool(m, "resource", path));
        inc.setOverride(bool(m, "override", path));
        return inc;
    }

    private void checkKeys(Map<String, Object> m, List<String> allowed, String where) {
        for (String key : m.keySet()) {
            if (!allowed.contains(key)) {
                throw error(where + ": unknown key '" + key + "'; the keys here are " + String.join(", ", allowed));
            }
        }
    }

    private String required(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            throw error(where + ": has no '" + key + "'");
        }
        return scalar(v, where + "." + key);
    }

    private int integer(Map<String, Object> m, String key, int absent, String where) {
        Object v = m.get(key);
        if (v == null) {
            return absent;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw error(where + ": " + key + " must be a whole number, not '" + v + "'");
    }

    private double decimal(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return -1;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw error(where + ": " + key + " must be a number, not '" + v + "'");
    }

    private boolean bool(Map<String, Object> m, String key, String where) {
        Object v = m.get(key);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw error(where + ": " + key + " must be true or false, not '" + v + "'");
    }

    private String scalar(Object v, String where) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            throw error(where + ": expected a single value, found " + describe(v));
        }
        return String.valueOf(v);
    }

    private Map<String, Object> map(Object v, String where) {
        if (!(v instanceof Map<?, ?> m)) {
            throw error(where + ": expected a map (key: value lines), found " + describe(v));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Object> list(Object v, String where) {
        if (!(v instanceof List<?>)) {
            throw error(where + ": expected a list ('- item' lines or [a, b]), found " + describe(v));
        }
        return (List<Object>) v;
    }

    private static String describe(Object v) {
        if (v instanceof Map<?, ?>) {
            return "a map";
        }
        if (v instanceof List<?>) {
            return "a list";
        }
        return "'" + v + "'";
    }

    private FluxException error(String message) {
        return new FluxException(source + ": " + message);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableList());
    }
}
