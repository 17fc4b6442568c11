package io.squall;

import io.squall.topology.DRPCRequest;

/** A DRPC server inside this process, for local mode: topologies reach it by its service id. */
public interface ILocalDRPC extends AutoCloseable {
    /** Runs {@code functionName} on {@code funcArgs} and waits for the result. */
    String execute(String functionName, String funcArgs);

    /** The id under which this process's DRPC spouts and result bolts find the server. */
    String getServiceId();

    /** The next waiting request of {@code functionName}; an empty id when none waits. */
    DRPCRequest fetchRequest(String functionName);

    /** Completes request {@code id}. */
    void result(String id, String result);

    /** Fails request {@code id}. */
    void failRequest(String id);

    /** Fails the waiting requests and unregisters the server. */
    @Override
    void close();
}
