package io.squall.topology;

/** Whether a submitted topology starts with its spouts emitting. */
public enum TopologyInitialStatus {
    ACTIVE,
    INACTIVE
}
