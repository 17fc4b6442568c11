package io.squall.flux.model;

import java.util.ArrayList;
import java.util.List;

/** How a stream's tuples are spread over the tasks of the bolt it goes to. */
public class GroupingDef {
    /** The groupings: Storm's Flux ones, and {@code PARTIAL_KEY} (Storm's {@code partialKeyGrouping}). */
    public enum Type {
        ALL,
        CUSTOM,
        DIRECT,
        SHUFFLE,
        LOCAL_OR_SHUFFLE,
        FIELDS,
        GLOBAL,
        NONE,
        PARTIAL_KEY
    }

    private Type type;
    private String streamId;
    private List<String> args = new ArrayList<>();
    private ObjectDef customClass;

    /** The kind of grouping. */
    public Type getType() {
        return type;
    }

    public void setType(Type type) {
        this.type = type;
    }

    /** The stream of the source component, or null for the default stream. */
    public String getStreamId() {
        return streamId;
    }

    public void setStreamId(String streamId) {
        this.streamId = streamId;
    }

    /** The field names of a {@code FIELDS} or {@code PARTIAL_KEY} grouping. */
    public List<String> getArgs() {
        return args;
    }

    public void setArgs(List<String> args) {
        this.args = args == null ? new ArrayList<>() : new ArrayList<>(args);
    }

    /** How to make the {@code CustomStreamGrouping} of a {@code CUSTOM} grouping. */
    public ObjectDef getCustomClass() {
        return customClass;
    }

    public void setCustomClass(ObjectDef customClass) {
        this.customClass = customClass;
    }

    @Override
    public String toString() {
        return type + (streamId == null ? "" : "(" + streamId + ")");
    }
}
