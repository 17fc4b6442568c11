package io.squall.drpc;

import io.squall.topology.DRPCRequest;

import java.util.List;

/** How a DRPC topology talks to a DRPC server: takes its requests and answers them. */
public interface DRPCInvocations extends AutoCloseable {
    /** The next waiting request of {@code function}; an empty id when none waits. */
    DRPCRequest fetchRequest(String function);

    /**
     * Up to {@code max} waiting requests of {@code function} in one round trip, oldest first; when none waits, the
     * server holds the call up to {@code waitMs} for one to come (a long poll). Empty when none came. This default
     * takes one request without waiting, for invocations that cannot do better.
     */
    default List<DRPCRequest> fetchRequests(String function, int max, long waitMs) {
        DRPCRequest r = fetchRequest(function);
        return r.request_id().isEmpty() ? List.of() : List.of(r);
    }

    /** Completes request {@code id}. */
    void result(String id, String result);

    /** Fails request {@code id}. */
    void failRequest(String id);

    /** Releases connections. */
    @Override
    void close();
}
