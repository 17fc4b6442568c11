package io.squall.topology;

import java.io.Serializable;
import java.util.List;

/** Storm's answer to {@code getTopologyHistory}: the ids of the topologies a user ran or may view, alive or removed. */
public class TopologyHistoryInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> topoIds;

    public TopologyHistoryInfo(List<String> topoIds) {
        this.topoIds = List.copyOf(topoIds);
    }

    public List<String> get_topo_ids() {
        return topoIds;
    }

    public int get_topo_ids_size() {
        return topoIds.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TopologyHistoryInfo h && h.topoIds.equals(topoIds);
    }

    @Override
    public int hashCode() {
        return topoIds.hashCode();
    }

    @Override
    public String toString() {
        return "TopologyHistoryInfo(topo_ids:" + topoIds + ")";
    }
}
