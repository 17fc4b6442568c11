package io.squall.topology;

import java.io.Serializable;

/** The spout or bolt part of an executor's stats (Storm's union): exactly one is set. */
public class ExecutorSpecificStats implements Serializable {
    private static final long serialVersionUID = 1L;
    private final SpoutStats spout;
    private final BoltStats bolt;

    private ExecutorSpecificStats(SpoutStats spout, BoltStats bolt) {
        this.spout = spout;
        this.bolt = bolt;
    }

    public static ExecutorSpecificStats spout(SpoutStats value) {
        return new ExecutorSpecificStats(value, null);
    }

    public static ExecutorSpecificStats bolt(BoltStats value) {
        return new ExecutorSpecificStats(null, value);
    }

    public boolean is_set_spout() {
        return spout != null;
    }

    public boolean is_set_bolt() {
        return bolt != null;
    }

    /**
     * Whether the union's field of Thrift id {@code fieldId} is set, as Storm's generated union answers: 1 is the
     * bolt's stats, 2 the spout's.
     *
     * @throws IllegalArgumentException for any other id
     */
    public boolean isSet(int fieldId) {
        return switch (fieldId) {
            case 1 -> is_set_bolt();
            case 2 -> is_set_spout();
            default -> throw new IllegalArgumentException("ExecutorSpecificStats has fields 1 (bolt) and 2 (spout), "
                    + "not " + fieldId);
        };
    }

    /** The spout stats; throws if this is a bolt's. */
    public SpoutStats get_spout() {
        if (spout == null) {
            throw new IllegalStateException("These are a bolt's stats: check is_set_spout() first");
        }
        return spout;
    }

    /** The bolt stats; throws if this is a spout's. */
    public BoltStats get_bolt() {
        if (bolt == null) {
            throw new IllegalStateException("These are a spout's stats: check is_set_bolt() first");
        }
        return bolt;
    }
}
