package io.squall.flux.wrappers;

import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Flux shell component declares from YAML instead of a Java subclass: its streams with their fields, and its
 * component configuration. Shared by {@code FluxShellBolt} and {@code FluxShellSpout}; serialized with them.
 */
public final class ShellDeclarations implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, String[]> outputFields = new LinkedHashMap<>();
    private final Map<String, Object> componentConfig = new HashMap<>();

    /** Declares a stream and its fields. */
    public void stream(String name, String[] fields) {
        outputFields.put(name, fields.clone());
    }

    /** Sets a key of the component's configuration; a list is copied. */
    public void config(String key, Object value) {
        componentConfig.put(key, value instanceof List<?> l ? new ArrayList<>(l) : value);
    }

    /** Declares every stream. */
    public void declare(OutputFieldsDeclarer declarer) {
        outputFields.forEach((stream, fields) -> declarer.declareStream(stream, new Fields(fields)));
    }

    /** The component configuration, or null when none was set. */
    public Map<String, Object> componentConfiguration() {
        return componentConfig.isEmpty() ? null : new HashMap<>(componentConfig);
    }
}
