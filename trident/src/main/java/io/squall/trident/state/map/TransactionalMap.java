package io.squall.trident.state.map;

import io.squall.trident.state.TransactionalValue;

/**
 * Stores each value with the txid that last changed it. A key that an earlier attempt of the batch being committed
 * changed is left alone, so a replayed transactional batch is applied once; within one attempt a key can be updated
 * more than once.
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
    T read(TransactionalValue<T> stored, boolean writtenByThisBatch) {
        return stored.getVal();
    }

    /** Written by this txid, but by an earlier attempt: the batch was applied before it was replayed. */
    @Override
    boolean alreadyApplied(TransactionalValue<T> stored, boolean writtenByThisBatch) {
        return !writtenByThisBatch && currTx != null && currTx.equals(stored.getTxid());
    }

    @Override
    TransactionalValue<T> wrap(TransactionalValue<T> stored, T newVal) {
        return new TransactionalValue<>(currTx, newVal);
    }
}
