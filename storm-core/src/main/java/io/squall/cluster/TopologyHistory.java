package io.squall.cluster;

import java.util.Map;

/**
 * A topology that ran and was removed, in {@code /history/<topologyId>}: what Storm's {@code getTopologyHistory}
 * lists besides the running topologies, for as long as its workers' logs are kept ({@code logviewer.cleanup.age.mins}).
 *
 * @param id        the topology's id
 * @param name      its name
 * @param removedMs when Nimbus removed it
 * @param access    the keys of its configuration that say who may view it (owner, users, readers)
 */
public record TopologyHistory(String id, String name, long removedMs, Map<String, Object> access) {
}
