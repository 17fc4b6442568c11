package io.squall.topology;

import java.io.Serializable;
import java.util.Objects;

/** A stream named by the component that emits it and the stream id. Immutable. */
public class GlobalStreamId implements Serializable, Comparable<GlobalStreamId> {
    private static final long serialVersionUID = 1L;

    private final String componentId;
    private final String streamId;

    /** The stream {@code streamId} of component {@code componentId}. */
    public GlobalStreamId(String componentId, String streamId) {
        this.componentId = Objects.requireNonNull(componentId, "componentId");
        this.streamId = Objects.requireNonNull(streamId, "streamId");
    }

    /** The emitting component's id. */
    public String getComponentId() {
        return componentId;
    }

    /** The stream id. */
    public String getStreamId() {
        return streamId;
    }

    /** Storm's accessor name for {@link #getComponentId()}. */
    public String get_componentId() {
        return componentId;
    }

    /** Storm's accessor name for {@link #getStreamId()}. */
    public String get_streamId() {
        return streamId;
    }

    @Override
    public int compareTo(GlobalStreamId o) {
        int c = componentId.compareTo(o.componentId);
        return c != 0 ? c : streamId.compareTo(o.streamId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GlobalStreamId g && componentId.equals(g.componentId) && streamId.equals(g.streamId);
    }

    @Override
    public int hashCode() {
        return componentId.hashCode() * 31 + streamId.hashCode();
    }

    @Override
    public String toString() {
        return componentId + ":" + streamId;
    }
}
