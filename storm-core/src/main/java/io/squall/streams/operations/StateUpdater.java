package io.squall.streams.operations;

/**
 * Updates a key's state with each new value for the key, as in {@code PairStream.updateStateByKey}.
 *
 * @param <T> the values
 * @param <S> the state
 */
public interface StateUpdater<T, S> extends Operation {
    /** An updater from the initial state and a function of the state and a new value. */
    static <T, S> StateUpdater<T, S> of(S initialValue, BiFunction<? super S, ? super T, ? extends S> stateUpdateFn) {
        return new StateUpdater<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public S init() {
                return initialValue;
            }

            @Override
            public S apply(S state, T value) {
                return stateUpdateFn.apply(state, value);
            }
        };
    }

    /** The state of a key before its first value. */
    S init();

    /** The key's new state after {@code value}. */
    S apply(S state, T value);
}
