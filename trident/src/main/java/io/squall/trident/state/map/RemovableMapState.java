package io.squall.trident.state.map;

import io.squall.trident.state.State;

import java.util.List;

/**
 * A map state whose keys can be removed, within a batch's commit like every write: a removed key reads as absent
 * from then on. How a removal keeps a replayed batch exact is up to the state; {@code testing.MemoryMapState}
 * first writes an absent value through its transactional bookkeeping and drops the key once a later batch commits.
 *
 * @param <T> the value type
 */
public interface RemovableMapState<T> extends State {
    /** Removes the keys (each the list of a group's field values); keys that are absent are ignored. */
    void multiRemove(List<List<Object>> keys);
}
