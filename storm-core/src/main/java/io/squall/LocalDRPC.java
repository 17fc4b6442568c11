package io.squall;

import io.squall.topology.DRPCRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DRPC server in this process. Give it to {@code DRPCSpout}, {@code LinearDRPCTopologyBuilder.createLocalTopology}
 * or Trident's {@code newDRPCStream}, submit the topology to a {@link LocalCluster}, then {@link #execute}. A
 * request waits at most {@code drpc.request.timeout.secs} (default 600) for its result, then fails with a
 * {@code DRPCExecutionException}, as does a request its topology fails. Thread-safe.
 */
public class LocalDRPC implements ILocalDRPC {
    private static final Map<String, LocalDRPC> SERVICES = new ConcurrentHashMap<>();

    private final String serviceId = UUID.randomUUID().toString();
    private final DRPC drpc;

    /** A server whose requests wait up to the default timeout. */
    public LocalDRPC() {
        this(Map.of());
    }

    /** A server configured by {@code conf} ({@code drpc.request.timeout.secs}). */
    public LocalDRPC(Map<String, Object> conf) {
        this.drpc = new DRPC(DRPC.timeoutMs(conf));
        SERVICES.put(serviceId, this);
    }

    /** The server registered under {@code serviceId} in this process, or null. */
    public static LocalDRPC find(String serviceId) {
        return SERVICES.get(serviceId);
    }

    /**
     * @throws io.squall.topology.DRPCExecutionException if the request times out or its topology fails it
     */
    @Override
    public String execute(String functionName, String funcArgs) {
        return drpc.execute(functionName, funcArgs);
    }

    @Override
    public String getServiceId() {
        return serviceId;
    }

    @Override
    public DRPCRequest fetchRequest(String functionName) {
        return drpc.fetchRequest(functionName);
    }

    /** Up to {@code max} waiting requests of {@code function}, waiting up to {@code waitMs} when none waits. */
    public List<DRPCRequest> fetchRequests(String functionName, int max, long waitMs) {
        return drpc.fetchRequests(functionName, max, waitMs);
    }

    @Override
    public void result(String id, String result) {
        drpc.returnResult(id, result);
    }

    @Override
    public void failRequest(String id) {
        drpc.failRequest(id);
    }

    /** Request counts: requests, completed, failed, timedOut, lateResults, waiting. */
    public Map<String, Long> counts() {
        return drpc.counts();
    }

    @Override
    public void close() {
        SERVICES.remove(serviceId);
        drpc.close();
    }

    /** Same as {@link #close}. */
    public void shutdown() {
        close();
    }
}
