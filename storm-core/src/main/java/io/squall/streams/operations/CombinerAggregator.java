package io.squall.streams.operations;

/**
 * An aggregation by a mutable accumulator, as Storm's: {@link #init()} starts one, {@link #apply} adds a value,
 * {@link #merge} combines two accumulators (partial aggregates), {@link #result} turns one into the result.
 *
 * @param <T> the values aggregated
 * @param <A> the accumulator
 * @param <R> the result
 */
public interface CombinerAggregator<T, A, R> extends Operation {
    /**
     * An aggregator from an initial value, an accumulator and a combiner, whose accumulator is its result.
     *
     * @param initialValue the accumulator before any value; shared by every aggregation, so it should be immutable
     */
    static <T, R> CombinerAggregator<T, R, R> of(R initialValue, BiFunction<? super R, ? super T, ? extends R> accumulator,
                                                 BiFunction<? super R, ? super R, ? extends R> combiner) {
        return new CombinerAggregator<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public R init() {
                return initialValue;
            }

            @Override
            public R apply(R aggregate, T value) {
                return accumulator.apply(aggregate, value);
            }

            @Override
            public R merge(R accum1, R accum2) {
                return combiner.apply(accum1, accum2);
            }

            @Override
            public R result(R accum) {
                return accum;
            }
        };
    }

    /** A new accumulator. */
    A init();

    /** Adds {@code value} to the accumulator; returns the accumulator (the same object or a new one). */
    A apply(A accumulator, T value);

    /** Two accumulators combined. */
    A merge(A accum1, A accum2);

    /** The result of an accumulator. */
    R result(A accum);
}
