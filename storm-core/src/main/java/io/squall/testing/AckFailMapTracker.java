package io.squall.testing;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which message ids were acked and which failed. Serializable: the copies a topology's tasks
 * get share the sets of the original, through a registry keyed by a random id, so the test reads what
 * the tasks recorded.
 */
public class AckFailMapTracker implements AckFailDelegate {
    private static final long serialVersionUID = 1L;
    private static final ConcurrentHashMap<String, Set<Object>> ACKED = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Set<Object>> FAILED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    /** An empty tracker. */
    public AckFailMapTracker() {
        ACKED.put(id, ConcurrentHashMap.newKeySet());
        FAILED.put(id, ConcurrentHashMap.newKeySet());
    }

    /** Whether {@code id} was acked. */
    public boolean isAcked(Object id) {
        return ACKED.computeIfAbsent(this.id, k -> ConcurrentHashMap.newKeySet()).contains(id);
    }

    /** Whether {@code id} failed. */
    public boolean isFailed(Object id) {
        return FAILED.computeIfAbsent(this.id, k -> ConcurrentHashMap.newKeySet()).contains(id);
    }

    @Override
    public void ack(Object id) {
        ACKED.computeIfAbsent(this.id, k -> ConcurrentHashMap.newKeySet()).add(id);
    }

    @Override
    public void fail(Object id) {
        FAILED.computeIfAbsent(this.id, k -> ConcurrentHashMap.newKeySet()).add(id);
    }
}
