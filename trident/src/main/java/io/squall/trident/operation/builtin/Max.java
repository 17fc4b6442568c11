package io.squall.trident.operation.builtin;

/** The greatest value of a field (null for an empty batch or group). */
public class Max extends ComparisonAggregator {
    private static final long serialVersionUID = 1L;

    /** The greatest value of the first input field. */
    public Max() {
        super(null);
    }

    /** The greatest value of the named field. */
    public Max(String field) {
        super(field);
    }

    @Override
    boolean keepFirst(int comparison) {
        return comparison >= 0;
    }
}
