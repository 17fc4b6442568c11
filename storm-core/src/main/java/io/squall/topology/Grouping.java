package io.squall.topology;

import io.squall.grouping.CustomStreamGrouping;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How a stream's tuples are spread over the tasks of a subscribing component. Immutable description;
 * the runtime turns it into a router when the topology starts.
 */
public final class Grouping implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kinds of grouping. */
    public enum Type {
        /** Round-robin over the target tasks, starting at a random task. */
        SHUFFLE,
        /** Same values of the grouping fields, same task. */
        FIELDS,
        /** Every task gets every tuple. */
        ALL,
        /** The task with the lowest id gets every tuple. */
        GLOBAL,
        /** The emitter names the task with {@code emitDirect}. */
        DIRECT,
        /** Shuffle over the tasks in the emitter's worker, or over all tasks if none is local. */
        LOCAL_OR_SHUFFLE,
        /** The emitter does not care; currently a shuffle. */
        NONE,
        /** A user {@link CustomStreamGrouping}. */
        CUSTOM
    }

    private final Type type;
    private final List<String> fields;
    private final CustomStreamGrouping custom;

    private Grouping(Type type, List<String> fields, CustomStreamGrouping custom) {
        this.type = type;
        this.fields = fields;
        this.custom = custom;
    }

    /** A grouping of a kind that takes no arguments. */
    public static Grouping of(Type type) {
        if (type == Type.FIELDS || type == Type.CUSTOM) {
            throw new IllegalArgumentException(type + " grouping needs arguments");
        }
        return new Grouping(type, List.of(), null);
    }

    /** A fields grouping on the given fields. */
    public static Grouping fields(List<String> fields) {
        return new Grouping(Type.FIELDS, List.copyOf(fields), null);
    }

    /** A custom grouping. */
    public static Grouping custom(CustomStreamGrouping grouping) {
        return new Grouping(Type.CUSTOM, List.of(), Objects.requireNonNull(grouping, "custom grouping"));
    }

    public Type getType() {
        return type;
    }

    /** The grouping fields of a fields grouping; empty otherwise. */
    public List<String> getFields() {
        return fields;
    }

    /** The user grouping of a custom grouping; null otherwise. */
    public CustomStreamGrouping getCustom() {
        return custom;
    }

    @Override
    public String toString() {
        return switch (type) {
            case FIELDS -> "fields" + fields;
            case CUSTOM -> "custom(" + custom.getClass().getName() + ")";
            default -> type.name().toLowerCase();
        };
    }
}
