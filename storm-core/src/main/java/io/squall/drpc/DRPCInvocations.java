package io.squall.drpc;

import io.squall.topology.DRPCRequest;

/** How a DRPC topology talks to a DRPC server: takes its requests and answers them. */
public interface DRPCInvocations extends AutoCloseable {
    /** The next waiting request of {@code function}; an empty id when none waits. */
    DRPCRequest fetchRequest(String function);

    /** Completes request {@code id}. */
    void result(String id, String result);

    /** Fails request {@code id}. */
    void failRequest(String id);

    /** Releases connections. */
    @Override
    void close();
}
