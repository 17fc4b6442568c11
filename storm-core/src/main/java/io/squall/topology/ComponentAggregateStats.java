package io.squall.topology;

import java.io.Serializable;

/**
 * A component's or an executor's aggregate statistics, as Storm's generated {@code ComponentAggregateStats}. Squall
 * fills its type; the counts themselves are in the {@link ExecutorStats} of each {@link ExecutorSummary}.
 */
public final class ComponentAggregateStats implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ComponentType type;

    public ComponentAggregateStats(ComponentType type) {
        this.type = type;
    }

    public ComponentType get_type() {
        return type;
    }

    public boolean is_set_type() {
        return type != null;
    }

    @Override
    public String toString() {
        return "ComponentAggregateStats(" + type + ")";
    }
}
