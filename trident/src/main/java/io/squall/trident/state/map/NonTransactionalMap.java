package io.squall.trident.state.map;

/** Stores plain values: every attempt of a batch is applied, so replays count again (at-least-once). */
public final class NonTransactionalMap<T> extends AbstractMapState<T, T> {
    /** A non-transactional state over {@code backing}. */
    public static <T> MapState<T> build(IBackingMap<T> backing) {
        return new NonTransactionalMap<>(backing);
    }

    private NonTransactionalMap(IBackingMap<T> backing) {
        super(backing);
    }

    @Override
    T read(T stored, boolean writtenByThisBatch) {
        return stored;
    }

    @Override
    T wrap(T stored, T newVal) {
        return newVal;
    }
}
