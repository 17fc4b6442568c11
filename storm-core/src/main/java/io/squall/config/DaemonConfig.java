package io.squall.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a daemon or command: every key's default, overridden by {@code conf/squall.yaml} (the
 * file named by the {@code squall.conf.file} system property, if set), overridden by {@code -c key=value}
 * options. Validated once when loaded; immutable.
 */
public final class DaemonConfig {
    /** The system property naming the YAML file, set by {@code bin/squall}. */
    public static final String CONF_FILE_PROPERTY = "squall.conf.file";

    private final Map<String, Object> values;
    private final List<String> overrides;

    private DaemonConfig(Map<String, Object> values, List<String> overrides) {
        this.values = Collections.unmodifiableMap(values);
        this.overrides = List.copyOf(overrides);
    }

    /**
     * Loads the file named by {@code squall.conf.file} (if any) and applies {@code key=value} overrides.
     *
     * @throws InvalidConfigException naming the file, option or key that is wrong
     */
    public static DaemonConfig load(List<String> overrides) {
        String file = System.getProperty(CONF_FILE_PROPERTY);
        return load(file == null || file.isEmpty() ? null : Path.of(file), overrides);
    }

    /** Loads {@code file} (null for defaults only) and applies {@code key=value} overrides. */
    public static DaemonConfig load(Path file, List<String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKeys.all().values()) {
            if (k.defaultValue() != null) {
                values.put(k.name(), k.defaultValue());
            }
        }
        if (file != null) {
            values.putAll(readYaml(file));
        }
        values.putAll(parseOverrides(overrides));
        TopologySettings.validate(values);
        return new DaemonConfig(values, overrides);
    }

    private static Map<String, Object> readYaml(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = yaml().load(r);
            if (doc == null) {
                return Map.of();
            }
            if (!(doc instanceof Map<?, ?> m)) {
                throw new InvalidConfigException("Config file " + file + " must be a YAML map of key: value");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        } catch (IOException e) {
            throw new InvalidConfigException("Cannot read config file " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof InvalidConfigException) {
                throw e;
            }
            throw new InvalidConfigException("Config file " + file + " is not valid YAML: " + e.getMessage());
        }
    }

    /**
     * Parses {@code key=value} options; the value is read as YAML, so {@code 3}, {@code true} and
     * {@code [6700, 6701]} get their types.
     *
     * @throws InvalidConfigException for an option without {@code =} or with an empty key
     */
    public static Map<String, Object> parseOverrides(List<String> overrides) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String o : overrides) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new InvalidConfigException("Config option '" + o + "' must be key=value");
            }
            String value = o.substring(eq + 1);
            Object parsed;
            try {
                parsed = value.isEmpty() ? "" : yaml().load(value);
            } catch (RuntimeException e) {
                parsed = value;
            }
            out.put(o.substring(0, eq).trim(), parsed);
        }
        return out;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    /** Every value, by key. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The {@code key=value} options this configuration was loaded with, to pass on to child processes. */
    public List<String> overrides() {
        return overrides;
    }

    /** A copy with more {@code key=value} options applied. */
    public DaemonConfig with(List<String> more) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(more);
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.putAll(parseOverrides(more));
        TopologySettings.validate(v);
        return new DaemonConfig(v, all);
    }

    /** An integer value. */
    public int getInt(ConfigKey key) {
        return ((Number) require(key)).intValue();
    }

    /** A string value, or null when unset. */
    public String getString(ConfigKey key) {
        Object v = values.get(key.name());
        return v == null ? null : String.valueOf(v);
    }

    /** A list value, each element as a string. */
    public List<String> getStrings(ConfigKey key) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) require(key)) {
            out.add(String.valueOf(o));
        }
        return out;
    }

    /**
     * A list of integers.
     *
     * @throws InvalidConfigException naming the key if an element is not an integer
     */
    public List<Integer> getInts(ConfigKey key) {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) require(key)) {
            if (!(o instanceof Integer i)) {
                throw new InvalidConfigException("Config key '" + key.name() + "' must be a list of integers, but "
                        + "holds " + o);
            }
            out.add(i);
        }
        return out;
    }

    private Object require(ConfigKey key) {
        Object v = values.get(key.name());
        if (v == null) {
            throw new InvalidConfigException("Config key '" + key.name() + "' must be set (" + key.doc() + ")");
        }
        return v;
    }
}
