package io.squall.topology;

import java.io.Serializable;

/**
 * A spout as Storm's generated {@code SpoutSpec} shows it. A read-only view of a {@link ComponentSpec}, for code
 * written against Storm's Thrift structures ({@code topology.get_spouts()}).
 */
public class SpoutSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ComponentSpec spec;

    SpoutSpec(ComponentSpec spec) {
        this.spec = spec;
    }

    public ComponentCommon get_common() {
        return new ComponentCommon(spec);
    }

    /** The Java-serialized spout. */
    public ComponentObject get_spout_object() {
        return new ComponentObject(spec);
    }
}
