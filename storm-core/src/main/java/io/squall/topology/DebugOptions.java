package io.squall.topology;

import java.io.Serializable;
import java.util.Objects;

/**
 * Whether a topology or a component is debugged, and at what sampling percentage (Storm's {@code DebugOptions}, as
 * {@link TopologyInfo#get_component_debug()} gives them). Stopping debugging keeps the percentage it had.
 */
public class DebugOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private boolean enable;
    private Double samplingPct;

    public DebugOptions() {
    }

    public DebugOptions(boolean enable, double samplingPct) {
        this.enable = enable;
        this.samplingPct = samplingPct;
    }

    public boolean is_enable() {
        return enable;
    }

    public void set_enable(boolean enable) {
        this.enable = enable;
    }

    /** The sampling percentage, 0 if none was set. */
    public double get_samplingpct() {
        return samplingPct == null ? 0 : samplingPct;
    }

    public void set_samplingpct(double samplingPct) {
        this.samplingPct = samplingPct;
    }

    public boolean is_set_samplingpct() {
        return samplingPct != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DebugOptions d && d.enable == enable && Objects.equals(d.samplingPct, samplingPct);
    }

    @Override
    public int hashCode() {
        return Objects.hash(enable, samplingPct);
    }

    @Override
    public String toString() {
        return "DebugOptions(enable:" + enable + ", samplingpct:" + get_samplingpct() + ")";
    }
}
