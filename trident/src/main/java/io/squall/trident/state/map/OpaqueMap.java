package io.squall.trident.state.map;

import io.squall.trident.state.OpaqueValue;

/**
 * Stores the current value, the value before it and the txid between them. A replay of the last txid (possibly
 * with different tuples, from an opaque spout) is applied to the previous value, so each tuple counts once; within a
 * commit, a key the batch has not written yet reads as it was before the batch.
 */
public final class OpaqueMap<T> extends AbstractMapState<T, OpaqueValue<T>> {
    /** An opaque state over {@code backing}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static <T> MapState<T> build(IBackingMap<OpaqueValue> backing) {
        return new OpaqueMap<>((IBackingMap) backing);
    }

    private OpaqueMap(IBackingMap<OpaqueValue<T>> backing) {
        super(backing);
    }

    /** This attempt's own write as it is; any other as of before the batch ({@link OpaqueValue#get(Long)}). */
    @Override
    T read(OpaqueValue<T> stored, boolean writtenByThisBatch) {
        return writtenByThisBatch ? stored.getCurr() : stored.get(currTx);
    }

    @Override
    OpaqueValue<T> wrap(OpaqueValue<T> stored, T newVal) {
        if (currTx == null) {
            throw new IllegalStateException("An opaque state can only be written between beginCommit and commit");
        }
        return stored == null ? new OpaqueValue<>(currTx, newVal) : stored.update(currTx, newVal);
    }
}
