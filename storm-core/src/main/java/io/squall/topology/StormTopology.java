package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated topology as built by {@link TopologyBuilder#createTopology()}: its spouts and bolts by id.
 * Immutable and serializable, so it travels as is to Nimbus and the workers.
 */
public class StormTopology implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, ComponentSpec> components;
    /** Java-serialized {@code IWorkerHook}s, in the order added. */
    private final List<byte[]> workerHooks;

    /**
     * An empty topology, as Storm's generated class makes with no arguments; Storm's unit tests pass one to the
     * {@code GeneralTopologyContext} of the tuples they make.
     */
    public StormTopology() {
        this(Map.of());
    }

    /** A topology made of the given components, keyed by id. */
    public StormTopology(Map<String, ComponentSpec> components) {
        this(components, List.of());
    }

    /** A topology made of the given components and serialized worker hooks. */
    public StormTopology(Map<String, ComponentSpec> components, List<byte[]> workerHooks) {
        this.components = Collections.unmodifiableMap(new TreeMap<>(components));
        this.workerHooks = List.copyOf(workerHooks);
    }

    /** A new topology with other components and the same worker hooks. */
    public StormTopology withComponents(Map<String, ComponentSpec> newComponents) {
        return new StormTopology(newComponents, workerHooks);
    }

    /** The serialized worker hooks ({@code TopologyBuilder.addWorkerHook}). */
    public List<byte[]> getWorkerHooks() {
        return workerHooks == null ? List.of() : workerHooks;
    }

    /** Every component, by id, in id order. */
    public Map<String, ComponentSpec> getComponents() {
        return components;
    }

    /** A component by id, or null. */
    public ComponentSpec getComponent(String id) {
        return components.get(id);
    }

    /** The spouts, in id order. */
    public List<ComponentSpec> getSpouts() {
        return ofKind(ComponentSpec.Kind.SPOUT);
    }

    /** The bolts, in id order. */
    public List<ComponentSpec> getBolts() {
        return ofKind(ComponentSpec.Kind.BOLT);
    }

    private List<ComponentSpec> ofKind(ComponentSpec.Kind kind) {
        List<ComponentSpec> out = new ArrayList<>();
        for (ComponentSpec c : components.values()) {
            if (c.getKind() == kind) {
                out.add(c);
            }
        }
        return out;
    }

    /** The spouts by id, as Storm's generated {@code StormTopology} shows them. */
    public Map<String, SpoutSpec> get_spouts() {
        Map<String, SpoutSpec> spouts = new LinkedHashMap<>();
        for (ComponentSpec c : getSpouts()) {
            spouts.put(c.getId(), new SpoutSpec(c));
        }
        return spouts;
    }

    /** The bolts by id, as Storm's generated {@code StormTopology} shows them. */
    public Map<String, Bolt> get_bolts() {
        Map<String, Bolt> bolts = new LinkedHashMap<>();
        for (ComponentSpec c : getBolts()) {
            bolts.put(c.getId(), new Bolt(c));
        }
        return bolts;
    }

    /** Storm's name for the number of spouts. */
    public int get_spouts_size() {
        return getSpouts().size();
    }

    /** Storm's name for the number of bolts. */
    public int get_bolts_size() {
        return getBolts().size();
    }

    @Override
    public String toString() {
        return "StormTopology" + components.keySet();
    }
}
