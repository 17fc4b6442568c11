package io.squall.trident.state.map;

import io.squall.trident.state.OpaqueValue;

/**
 * Stores the current value, the value before it and the txid between them. A replay of the last txid (possibly
 * with different tuples, from an opaque spout) is applied to the previous value, so each tuple counts once.
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

    @Override
    T unwrap(OpaqueValue<T> stored) {
        return stored.getCurr();
    }

    @Override
    OpaqueValue<T> wrap(OpaqueValue<T> stored, T newVal) {
        if (currTx == null) {
            throw new IllegalStateException("An opaque state can only be written between beginCommit and commit");
        }
        return stored == null ? new OpaqueValue<>(currTx, newVal, null) : stored.update(currTx, newVal);
    }

    @Override
    T base(OpaqueValue<T> stored) {
        return stored.base(currTx);
    }
}
