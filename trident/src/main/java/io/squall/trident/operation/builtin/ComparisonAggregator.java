package io.squall.trident.operation.builtin;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.tuple.TridentTuple;

/** Keeps the least or greatest value of one field; the value of nothing is null. */
abstract class ComparisonAggregator implements CombinerAggregator<Object> {
    private static final long serialVersionUID = 1L;

    private final String field;

    /** @param field the field compared, or null for the first input field */
    ComparisonAggregator(String field) {
        this.field = field;
    }

    /** Which of two non-null values to keep. */
    abstract boolean keepFirst(int comparison);

    @Override
    public Object init(TridentTuple tuple) {
        Object v = field == null ? tuple.getValue(0) : tuple.getValueByField(field);
        if (v != null && !(v instanceof Comparable)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs Comparable values, got "
                    + v.getClass().getName());
        }
        return v;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Object combine(Object val1, Object val2) {
        if (val1 == null) {
            return val2;
        }
        if (val2 == null) {
            return val1;
        }
        return keepFirst(((Comparable) val1).compareTo(val2)) ? val1 : val2;
    }

    @Override
    public Object zero() {
        return null;
    }
}
