package io.squall.topology;

import io.squall.grouping.CustomStreamGrouping;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How a stream's tuples are spread over the tasks of a subscribing component. Immutable description;
 * the runtime turns it into a router when the topology starts.
 */
public class Grouping implements Serializable {
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

    /** The kinds of Storm's generated {@code Grouping} union, as {@link #getSetField()} names them. */
    @SuppressWarnings("checkstyle:TypeName")
    public enum _Fields { FIELDS, SHUFFLE, ALL, NONE, DIRECT, CUSTOM_OBJECT, CUSTOM_SERIALIZED, LOCAL_OR_SHUFFLE }

    /**
     * This grouping's kind as Storm's Thrift union names it: a global grouping is {@code FIELDS} with no fields, as in
     * Storm, and a custom grouping is {@code CUSTOM_SERIALIZED}.
     */
    public _Fields getSetField() {
        return switch (type) {
            case FIELDS, GLOBAL -> _Fields.FIELDS;
            case SHUFFLE -> _Fields.SHUFFLE;
            case ALL -> _Fields.ALL;
            case NONE -> _Fields.NONE;
            case DIRECT -> _Fields.DIRECT;
            case LOCAL_OR_SHUFFLE -> _Fields.LOCAL_OR_SHUFFLE;
            case CUSTOM -> _Fields.CUSTOM_SERIALIZED;
        };
    }

    /** The grouping fields; empty for a global grouping. Storm's union throws for other kinds; this returns empty. */
    public List<String> get_fields() {
        return fields;
    }

    /** The custom grouping, Java-serialized, or null for another kind. */
    public byte[] get_custom_serialized() {
        return custom == null ? null : io.squall.utils.Utils.javaSerialize(custom);
    }

    public boolean is_set_fields() {
        return getSetField() == _Fields.FIELDS;
    }

    public boolean is_set_shuffle() {
        return type == Type.SHUFFLE;
    }

    public boolean is_set_all() {
        return type == Type.ALL;
    }

    public boolean is_set_none() {
        return type == Type.NONE;
    }

    public boolean is_set_direct() {
        return type == Type.DIRECT;
    }

    public boolean is_set_local_or_shuffle() {
        return type == Type.LOCAL_OR_SHUFFLE;
    }

    public boolean is_set_custom_serialized() {
        return type == Type.CUSTOM;
    }

    public boolean is_set_custom_object() {
        return false;
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
