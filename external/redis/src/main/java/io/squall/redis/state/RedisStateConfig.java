package io.squall.redis.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.config.InvalidConfigException;
import io.squall.redis.common.config.JedisPoolConfig;
import io.squall.state.DefaultStateSerializer;
import io.squall.state.Serializer;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Redis state provider's settings, parsed once from {@code topology.state.provider.config}: the JSON that
 * Storm's storm-redis takes,
 * <pre>
 * {"keyClass": "...", "valueClass": "...", "keySerializerClass": "...", "valueSerializerClass": "...",
 *  "jedisPoolConfig": {"host": "localhost", "port": 6379, "timeout": 2000, "database": 0, "password": "..."}}
 * </pre>
 * Every field is optional. A serializer class must implement {@link Serializer} and have a public no-argument
 * constructor; without one, {@link DefaultStateSerializer} is used, with {@code keyClass}/{@code valueClass}
 * registered when given.
 *
 * @param jedisPoolConfig the Redis server
 * @param keySerializer   turns keys into the hash fields
 * @param valueSerializer turns values into the hash values
 */
public record RedisStateConfig(JedisPoolConfig jedisPoolConfig, Serializer<Object> keySerializer,
                               Serializer<Object> valueSerializer) {
    /** The topology configuration key whose value this parses. */
    public static final String CONFIG_KEY = "topology.state.provider.config";

    private static final Set<String> FIELDS = Set.of("keyClass", "valueClass", "keySerializerClass",
            "valueSerializerClass", "jedisPoolConfig");
    private static final Set<String> POOL_FIELDS = Set.of("host", "port", "timeout", "database", "password");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses the value of {@link #CONFIG_KEY}: a JSON string, a map (as YAML gives it), or null for the defaults
     * (Redis on localhost:6379, Kryo serializers).
     *
     * @throws InvalidConfigException naming the field that is wrong and what is expected
     */
    public static RedisStateConfig parse(Object value) {
        return parse(value, Map.of());
    }

    /**
     * Parses the value of {@link #CONFIG_KEY} as {@link #parse(Object)}; the default serializers use the serializers
     * of the topology's {@code topology.kryo.register} in {@code topoConf}.
     */
    public static RedisStateConfig parse(Object value, Map<String, Object> topoConf) {
        Map<?, ?> conf;
        if (value == null) {
            conf = Map.of();
        } else if (value instanceof Map<?, ?> m) {
            conf = m;
        } else if (value instanceof String s) {
            conf = parseJson(s);
        } else {
            throw new InvalidConfigException(CONFIG_KEY + " is a " + value.getClass().getName()
                    + ": give a JSON object (as a string) or a map");
        }
        if (conf.containsKey("jedisClusterConfig")) {
            throw new InvalidConfigException(CONFIG_KEY + " has a jedisClusterConfig: the Redis state provider keeps "
                    + "state on one Redis server, since a checkpoint commits a key group's hashes together in one "
                    + "script, which a Redis Cluster could only run if they shared a node. Give a jedisPoolConfig "
                    + "naming one server (or use RocksDB, topology.state.provider "
                    + "io.squall.state.rocksdb.RocksDbKeyValueStateProvider)");
        }
        checkFields(conf, FIELDS, CONFIG_KEY);
        ClassLoader loader = classLoader();
        return new RedisStateConfig(pool(conf.get("jedisPoolConfig")),
                serializer(conf, "keySerializerClass", "keyClass", loader, topoConf),
                serializer(conf, "valueSerializerClass", "valueClass", loader, topoConf));
    }

    private static Map<?, ?> parseJson(String json) {
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException(CONFIG_KEY + " is not valid JSON (" + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + "): give an object such as {\"jedisPoolConfig\": {\"host\": \"localhost\", \"port\": 6379}}");
        }
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new InvalidConfigException(CONFIG_KEY + " is JSON but not an object: give an object such as "
                    + "{\"jedisPoolConfig\": {\"host\": \"localhost\", \"port\": 6379}}");
        }
        return m;
    }

    private static void checkFields(Map<?, ?> conf, Set<String> known, String where) {
        for (Object key : conf.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new InvalidConfigException(where + " has an unknown field \"" + key + "\": the fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static JedisPoolConfig pool(Object value) {
        String where = CONFIG_KEY + " jedisPoolConfig";
        if (value == null) {
            return new JedisPoolConfig.Builder().build();
        }
        if (!(value instanceof Map<?, ?> pool)) {
            throw new InvalidConfigException(where + " is not an object: give {\"host\": ..., \"port\": ...}");
        }
        checkFields(pool, POOL_FIELDS, where);
        JedisPoolConfig.Builder b = new JedisPoolConfig.Builder();
        if (pool.get("host") != null) {
            b.setHost(string(pool.get("host"), where + ".host"));
        }
        if (pool.get("port") != null) {
            b.setPort(integer(pool.get("port"), where + ".port"));
        }
        if (pool.get("timeout") != null) {
            b.setTimeout(integer(pool.get("timeout"), where + ".timeout"));
        }
        if (pool.get("database") != null) {
            b.setDatabase(integer(pool.get("database"), where + ".database"));
        }
        if (pool.get("password") != null) {
            b.setPassword(string(pool.get("password"), where + ".password"));
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(where + ": " + e.getMessage());
        }
    }

    private static String string(Object v, String where) {
        if (v instanceof String s) {
            return s;
        }
        throw new InvalidConfigException(where + " is " + v + ": give a string");
    }

    private static int integer(Object v, String where) {
        if (v instanceof Number n && n.doubleValue() == n.intValue()) {
            return n.intValue();
        }
        if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new InvalidConfigException(where + " is " + v + ": give a whole number");
    }

    @SuppressWarnings("unchecked")
    private static Serializer<Object> serializer(Map<?, ?> conf, String serializerField, String classField,
                                                 ClassLoader loader, Map<String, Object> topoConf) {
        Object serializerName = conf.get(serializerField);
        if (serializerName != null) {
            String name = string(serializerName, CONFIG_KEY + " " + serializerField);
            Class<?> c = load(name, serializerField, loader);
            if (!Serializer.class.isAssignableFrom(c)) {
                throw new InvalidConfigException(CONFIG_KEY + " " + serializerField + " " + name + " does not "
                        + "implement " + Serializer.class.getName() + ": give a class that does");
            }
            try {
                return (Serializer<Object>) c.getConstructor().newInstance();
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new InvalidConfigException(CONFIG_KEY + " " + serializerField + " " + name
                        + " has no public no-argument constructor: add one");
            } catch (InstantiationException | InvocationTargetException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new InvalidConfigException(CONFIG_KEY + " " + serializerField + " " + name
                        + " could not be created: " + cause);
            }
        }
        Object className = conf.get(classField);
        if (className == null) {
            return new DefaultStateSerializer<>(topoConf, List.of());
        }
        Class<?> c = load(string(className, CONFIG_KEY + " " + classField), classField, loader);
        return new DefaultStateSerializer<>(topoConf, List.of(c));
    }

    private static Class<?> load(String name, String field, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new InvalidConfigException(CONFIG_KEY + " " + field + " names class " + name
                    + ", which is not on the topology's classpath: check the name, or add its JAR to the topology");
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : RedisStateConfig.class.getClassLoader();
    }
}
