package io.squall.topology;

import java.io.Serializable;

/**
 * A bolt as Storm's generated {@code Bolt} shows it. A read-only view of a {@link ComponentSpec}, for code written
 * against Storm's Thrift structures ({@code topology.get_bolts()}).
 */
public class Bolt implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ComponentSpec spec;

    Bolt(ComponentSpec spec) {
        this.spec = spec;
    }

    public ComponentCommon get_common() {
        return new ComponentCommon(spec);
    }

    /** The Java-serialized bolt. */
    public ComponentObject get_bolt_object() {
        return new ComponentObject(spec);
    }
}
