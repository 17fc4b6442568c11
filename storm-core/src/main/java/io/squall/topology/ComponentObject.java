package io.squall.topology;

import java.io.Serializable;

/**
 * A spout or bolt object as Storm's generated {@code ComponentObject} shows it: Java-serialized. Squall's topologies
 * hold every component that way (Storm's may also hold shell or Java-object components, which Squall builds as
 * serialized {@code ShellBolt}s and {@code ShellSpout}s).
 */
public final class ComponentObject implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ComponentSpec spec;

    ComponentObject(ComponentSpec spec) {
        this.spec = spec;
    }

    public boolean is_set_serialized_java() {
        return true;
    }

    /** The component, Java-serialized. */
    public byte[] get_serialized_java() {
        return spec.serializedObject();
    }
}
