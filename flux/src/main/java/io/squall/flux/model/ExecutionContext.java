package io.squall.flux.model;

import io.squall.Config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code FluxBuilder} has built so far for one topology: the definition, the config, and the objects made
 * for the components, spouts and bolts, by id. One thread builds a topology; not thread-safe.
 */
public class ExecutionContext {
    private final TopologyDef topologyDef;
    private final Config config;
    private final Map<String, Object> components = new LinkedHashMap<>();
    private final Map<String, Object> spouts = new LinkedHashMap<>();
    private final Map<String, Object> bolts = new LinkedHashMap<>();

    /** A context for building {@code topologyDef} with {@code config}. */
    public ExecutionContext(TopologyDef topologyDef, Config config) {
        this.topologyDef = topologyDef;
        this.config = config;
    }

    /** The definition being built. */
    public TopologyDef getTopologyDef() {
        return topologyDef;
    }

    /** The topology's config. */
    public Config getConfig() {
        return config;
    }

    /** Records the object built for component {@code id}. */
    public void addComponent(String id, Object value) {
        components.put(id, value);
    }

    /** The object built for component {@code id}, or null if none was (yet). */
    public Object getComponent(String id) {
        return components.get(id);
    }

    /** Whether component {@code id} has been built. */
    public boolean hasComponent(String id) {
        return components.containsKey(id);
    }

    /** Records the spout built for {@code id}. */
    public void addSpout(String id, Object spout) {
        spouts.put(id, spout);
    }

    /** The spout built for {@code id}, or null. */
    public Object getSpout(String id) {
        return spouts.get(id);
    }

    /** Records the bolt built for {@code id}. */
    public void addBolt(String id, Object bolt) {
        bolts.put(id, bolt);
    }

    /** The bolt built for {@code id}, or null. */
    public Object getBolt(String id) {
        return bolts.get(id);
    }
}
