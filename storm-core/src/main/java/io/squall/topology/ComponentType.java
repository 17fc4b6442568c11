package io.squall.topology;

/** Whether a component is a spout or a bolt, as Storm's generated {@code ComponentType} (with its Thrift values). */
public enum ComponentType {
    BOLT(1),
    SPOUT(2);

    private final int value;

    ComponentType(int value) {
        this.value = value;
    }

    /** The number Storm's Thrift definition gives this type. */
    public int getValue() {
        return value;
    }
}
