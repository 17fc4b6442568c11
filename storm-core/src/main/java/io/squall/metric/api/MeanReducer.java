package io.squall.metric.api;

/** The mean of the numbers of a bucket (a {@code Double}), or null if there were none. */
public class MeanReducer implements IReducer<MeanReducer.MeanReducerState> {
    /** The running count and sum. */
    public static class MeanReducerState {
        public int count = 0;
        public double sum = 0.0;
    }

    @Override
    public MeanReducerState init() {
        return new MeanReducerState();
    }

    @Override
    public MeanReducerState reduce(MeanReducerState acc, Object input) {
        if (!(input instanceof Number n)) {
            throw new IllegalArgumentException("MeanReducer takes numbers, got "
                    + (input == null ? "null" : input.getClass().getName()));
        }
        acc.count++;
        acc.sum += n.doubleValue();
        return acc;
    }

    @Override
    public Object extractResult(MeanReducerState acc) {
        return acc.count > 0 ? acc.sum / acc.count : null;
    }
}
