package io.squall.trident.operation.builtin;

import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.tuple.TridentTuple;

/**
 * Sums the first input field. Integral numbers (Integer, Long, Short, Byte) sum to a Long, anything else to a
 * Double.
 */
public class Sum implements CombinerAggregator<Number> {
    private static final long serialVersionUID = 1L;

    @Override
    public Number init(TridentTuple tuple) {
        Object v = tuple.getValue(0);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("Sum needs a number in field '" + tuple.getFields().get(0)
                    + "', got " + (v == null ? "null" : v.getClass().getName() + " " + v));
        }
        return isIntegral(n) ? (Number) n.longValue() : (Number) n.doubleValue();
    }

    @Override
    public Number combine(Number val1, Number val2) {
        if (isIntegral(val1) && isIntegral(val2)) {
            return val1.longValue() + val2.longValue();
        }
        return val1.doubleValue() + val2.doubleValue();
    }

    @Override
    public Number zero() {
        return 0L;
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte;
    }
}
