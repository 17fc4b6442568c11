package io.squall.runtime.tap;

import io.squall.topology.DebugOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is debugged in a topology (Storm's event logging), as Storm keeps it: options for the whole topology (key
 * {@code ""}) and for each component set apart. A component's own options, when it has them, are what counts for it,
 * so a component can be left out of a debugged topology or debugged alone at its own percentage; stopping the
 * topology's debugging leaves the components' options alone. Stopping keeps the percentage. Immutable.
 */
public record DebugState(Map<String, DebugOptions> byKey) {
    /** Nothing debugged. */
    public static final DebugState NONE = new DebugState(Map.of());

    public DebugState {
        byKey = Map.copyOf(byKey);
    }

    /**
     * This state after starting or stopping debugging {@code component} ({@code null} or empty: the topology).
     *
     * @throws IllegalArgumentException for a percentage not in (0, 100] when enabling
     */
    public DebugState with(String component, boolean enable, double percent) {
        String key = component == null ? "" : component;
        if (enable && !(percent > 0 && percent <= 100)) {
            throw new IllegalArgumentException("A sampling percentage is above 0 and at most 100, got " + percent);
        }
        DebugOptions before = byKey.get(key);
        double kept = enable ? percent : before != null ? before.get_samplingpct() : 0;
        Map<String, DebugOptions> next = new TreeMap<>(byKey);
        next.put(key, new DebugOptions(enable, kept));
        return new DebugState(next);
    }

    /**
     * What each key samples, as the workers are told: its percentage, or 0 where it is stopped (which, for a
     * component, overrides the topology's).
     */
    public Map<String, Double> percents() {
        Map<String, Double> out = new TreeMap<>();
        byKey.forEach((k, o) -> out.put(k, o.is_enable() ? o.get_samplingpct() : 0.0));
        return out;
    }

    /** The percentage a component's tuples are sampled at, by {@link #percents()}; 0 or null: not sampled. */
    public static Double percentFor(Map<String, Double> percents, String component) {
        Double own = percents.get(component);
        return own != null ? own : percents.get("");
    }

    /** Storm's {@code component_debug}: the topology's options under {@code topologyId}, the components' by id. */
    public Map<String, DebugOptions> stormView(String topologyId) {
        Map<String, DebugOptions> out = new LinkedHashMap<>();
        byKey.forEach((k, o) -> out.put(k.isEmpty() ? topologyId : k, o));
        return out;
    }
}
