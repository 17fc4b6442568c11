package io.squall.trident.state.map;

import io.squall.trident.state.OpaqueValue;
import io.squall.trident.state.StateType;
import io.squall.trident.state.TransactionalValue;

import java.util.List;

/** Builds the map state of a given {@link StateType} over a backing map that stores whatever it is given. */
public final class MapStates {
    private MapStates() {
    }

    /**
     * The map state of {@code type} over {@code backing}, with an LRU cache of {@code cacheSize} keys in front of
     * it (none when {@code cacheSize} is 0). It is a {@link SnapshottableMap} whose single value is the one under
     * the empty key, where an ungrouped persistent aggregation keeps its value.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> MapState<T> build(StateType type, IBackingMap<Object> backing, int cacheSize) {
        IBackingMap b = cacheSize > 0 ? new CachedMap<>(backing, cacheSize) : backing;
        MapState<T> map = switch (type) {
            case NON_TRANSACTIONAL -> NonTransactionalMap.build((IBackingMap<T>) b);
            case TRANSACTIONAL -> TransactionalMap.build((IBackingMap<TransactionalValue>) b);
            case OPAQUE -> OpaqueMap.build((IBackingMap<OpaqueValue>) b);
        };
        return new SnapshottableMap<>(map, List.of());
    }

    /** The user's value inside what a map state of {@code type} stored. */
    public static Object unwrap(StateType type, Object stored) {
        if (stored == null) {
            return null;
        }
        return switch (type) {
            case NON_TRANSACTIONAL -> stored;
            case TRANSACTIONAL -> ((TransactionalValue<?>) stored).getVal();
            case OPAQUE -> ((OpaqueValue<?>) stored).getCurr();
        };
    }
}
