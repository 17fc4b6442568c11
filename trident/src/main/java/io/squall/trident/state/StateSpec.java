package io.squall.trident.state;

import java.io.Serializable;

/** A state factory and, optionally, how many partitions (tasks) the state must have. */
public class StateSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What makes the state. */
    public StateFactory stateFactory;
    /** The parallelism the state's part of the stream must have, or null for whatever it gets. */
    public Integer requiredNumPartitions = null;

    /** A spec of the states {@code stateFactory} makes. */
    public StateSpec(StateFactory stateFactory) {
        this.stateFactory = stateFactory;
    }
}
