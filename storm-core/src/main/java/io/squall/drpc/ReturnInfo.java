package io.squall.drpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.ILocalDRPC;
import io.squall.LocalDRPC;
import io.squall.topology.DRPCRequest;

import java.util.List;
import java.util.Map;

/**
 * Where a request's result goes, as the JSON text a {@link DRPCSpout} emits with each request:
 * {@code {"id": ..., "host": ..., "port": ...}}.
 *
 * @param id   the request's id on its server
 * @param host the server's host, or a {@link LocalDRPC}'s service id
 * @param port the server's HTTP port, or 0 for a {@link LocalDRPC}
 */
public record ReturnInfo(String id, String host, int port) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The JSON text. */
    public String toJson() {
        return JSON.createObjectNode().put("id", id).put("host", host).put("port", port).toString();
    }

    /**
     * The return info in {@code json}.
     *
     * @throws IllegalArgumentException if the text is not a return info
     */
    public static ReturnInfo parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("id") || !n.hasNonNull("host") || !n.has("port")) {
                throw new IllegalArgumentException("not a DRPC return info (id, host, port): " + json);
            }
            return new ReturnInfo(n.get("id").asText(), n.get("host").asText(), n.get("port").asInt());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a DRPC return info (id, host, port): " + json, e);
        }
    }

    /** The invocations of the server at {@code host:port}: a local one (port 0), or a client to a remote one. */
    public static DRPCInvocations connect(String host, int port, Map<String, Object> conf) {
        ILocalDRPC local = port == 0 ? LocalDRPC.find(host) : null;
        if (local != null) {
            return local(local);
        }
        if (port == 0) {
            throw new IllegalStateException("No LocalDRPC with service id " + host + " in this process; a local DRPC "
                    + "topology must run in the process of its LocalDRPC");
        }
        return new DRPCInvocationsClient(conf, host, port);
    }

    static DRPCInvocations local(ILocalDRPC drpc) {
        return new DRPCInvocations() {
            @Override
            public DRPCRequest fetchRequest(String function) {
                return drpc.fetchRequest(function);
            }

            @Override
            public List<DRPCRequest> fetchRequests(String function, int max, long waitMs) {
                return drpc instanceof LocalDRPC l ? l.fetchRequests(function, max, waitMs)
                        : DRPCInvocations.super.fetchRequests(function, max, waitMs);
            }

            @Override
            public void result(String id, String result) {
                drpc.result(id, result);
            }

            @Override
            public void failRequest(String id) {
                drpc.failRequest(id);
            }

            @Override
            public void close() {
            }
        };
    }
}
