package io.squall.trident.state.map;

import io.squall.trident.state.TransactionalValue;

/**
 * Stores each value with the txid that last changed it. A key already changed by the batch being committed is
 * left alone, so a replayed transactional batch is applied once.
 */
public final class TransactionalMap<T> extends AbstractMapState<T, TransactionalValue<T>> {
    /** A transactional state over {@code backing}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static <T> MapState<T> build(IBackingMap<TransactionalValue> backing) {
        return new TransactionalMap<>((IBackingMap) backing);
    }

    private TransactionalMap(IBackingMap<TransactionalValue<T>> backing) {
        super(backing);
    }

    @Override
    T unwrap(TransactionalValue<T> stored) {
        return stored.getVal();
    }

    @Override
    boolean alreadyApplied(TransactionalValue<T> stored) {
        return currTx != null && currTx.equals(stored.getTxid());
    }

    @Override
    TransactionalValue<T> wrap(TransactionalValue<T> stored, T newVal) {
        return new TransactionalValue<>(currTx, newVal);
    }

    @Override
    T base(TransactionalValue<T> stored) {
        return stored.getVal();
    }
}
