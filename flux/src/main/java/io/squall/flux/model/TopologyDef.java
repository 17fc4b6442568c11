package io.squall.flux.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A whole Flux file: the topology's name and config, then either its components, spouts, bolts and streams (the
 * DSL) or a {@code topologySource}. The lists keep the file's order; ids are unique within each kind.
 */
public class TopologyDef {
    private String name;
    private Map<String, Object> config = new LinkedHashMap<>();
    private final Map<String, BeanDef> components = new LinkedHashMap<>();
    private final Map<String, SpoutDef> spouts = new LinkedHashMap<>();
    private final Map<String, BoltDef> bolts = new LinkedHashMap<>();
    private List<StreamDef> streams = new ArrayList<>();
    private List<IncludeDef> includes = new ArrayList<>();
    private final Map<String, WorkerHookDef> workerHooks = new LinkedHashMap<>();
    private TopologySourceDef topologySource;

    /** The topology's name. */
    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    /** Sets the name from an include: always with {@code override}, else only when none is set. */
    public void setName(String name, boolean override) {
        if (this.name == null || override) {
            this.name = name;
        }
    }

    /** The {@code config} section: the topology's configuration. */
    public Map<String, Object> getConfig() {
        return config;
    }

    public void setConfig(Map<String, Object> config) {
        this.config = config == null ? new LinkedHashMap<>() : new LinkedHashMap<>(config);
    }

    /** The components, in the file's order. */
    public List<BeanDef> getComponents() {
        return new ArrayList<>(components.values());
    }

    public void setComponents(List<BeanDef> components) {
        this.components.clear();
        addAllComponents(components, true);
    }

    /** The spouts, in the file's order. */
    public List<SpoutDef> getSpouts() {
        return new ArrayList<>(spouts.values());
    }

    public void setSpouts(List<SpoutDef> spouts) {
        this.spouts.clear();
        addAllSpouts(spouts, true);
    }

    /** The bolts, in the file's order. */
    public List<BoltDef> getBolts() {
        return new ArrayList<>(bolts.values());
    }

    public void setBolts(List<BoltDef> bolts) {
        this.bolts.clear();
        addAllBolts(bolts, true);
    }

    /** The streams, in the file's order. */
    public List<StreamDef> getStreams() {
        return streams;
    }

    public void setStreams(List<StreamDef> streams) {
        this.streams = streams == null ? new ArrayList<>() : new ArrayList<>(streams);
    }

    /** The includes, as written (processed by the parser). */
    public List<IncludeDef> getIncludes() {
        return includes;
    }

    public void setIncludes(List<IncludeDef> includes) {
        this.includes = includes == null ? new ArrayList<>() : new ArrayList<>(includes);
    }

    /** The worker hooks, in the file's order. */
    public List<WorkerHookDef> getWorkerHooks() {
        return new ArrayList<>(workerHooks.values());
    }

    public void setWorkerHooks(List<WorkerHookDef> workerHooks) {
        this.workerHooks.clear();
        addAllWorkerHooks(workerHooks, true);
    }

    /** The {@code topologySource}, or null for a DSL topology. */
    public TopologySourceDef getTopologySource() {
        return topologySource;
    }

    public void setTopologySource(TopologySourceDef topologySource) {
        this.topologySource = topologySource;
    }

    /** Whether the topology is made of spouts, bolts and streams rather than by a {@code topologySource}. */
    public boolean isDslTopology() {
        return topologySource == null;
    }

    /** The parallelism of bolt {@code boltId}, or 1 for an unknown one. */
    public int parallelismForBolt(String boltId) {
        BoltDef def = bolts.get(boltId);
        return def == null ? 1 : def.getParallelism();
    }

    /** The bolt of that id, or null. */
    public BoltDef getBoltDef(String id) {
        return bolts.get(id);
    }

    /** The spout of that id, or null. */
    public SpoutDef getSpoutDef(String id) {
        return spouts.get(id);
    }

    /** The component of that id, or null. */
    public BeanDef getComponent(String id) {
        return components.get(id);
    }

    /** The worker hook of that id, or null. */
    public WorkerHookDef getWorkerHook(String id) {
        return workerHooks.get(id);
    }

    /** Adds bolts; one whose id exists replaces it only with {@code override}. */
    public void addAllBolts(List<BoltDef> defs, boolean override) {
        addAll(bolts, defs, override, BeanDef::getId);
    }

    /** Adds spouts; one whose id exists replaces it only with {@code override}. */
    public void addAllSpouts(List<SpoutDef> defs, boolean override) {
        addAll(spouts, defs, override, BeanDef::getId);
    }

    /** Adds components; one whose id exists replaces it only with {@code override}. */
    public void addAllComponents(List<BeanDef> defs, boolean override) {
        addAll(components, defs, override, BeanDef::getId);
    }

    /** Adds worker hooks; one whose id exists replaces it only with {@code override}. */
    public void addAllWorkerHooks(List<WorkerHookDef> defs, boolean override) {
        addAll(workerHooks, defs, override, BeanDef::getId);
    }

    /** Adds streams; streams have no identity, so they are always appended. */
    public void addAllStreams(List<StreamDef> defs, boolean override) {
        if (defs != null) {
            streams.addAll(defs);
        }
    }

    private static <T> void addAll(Map<String, T> into, List<? extends T> defs, boolean override,
                                   Function<T, String> id) {
        if (defs == null) {
            return;
        }
        for (T def : defs) {
            if (override || !into.containsKey(id.apply(def))) {
                into.put(id.apply(def), def);
            }
        }
    }
}
