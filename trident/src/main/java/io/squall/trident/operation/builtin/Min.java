package io.squall.trident.operation.builtin;

/** The least value of a field (null for an empty batch or group). */
public class Min extends ComparisonAggregator {
    private static final long serialVersionUID = 1L;

    /** The least value of the first input field. */
    public Min() {
        super(null);
    }

    /** The least value of the named field. */
    public Min(String field) {
        super(field);
    }

    @Override
    boolean keepFirst(int comparison) {
        return comparison <= 0;
    }
}
