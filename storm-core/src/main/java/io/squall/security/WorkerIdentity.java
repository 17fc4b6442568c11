package io.squall.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who the worker process running this code is, for the calls its topology's components make on the cluster's
 * behalf (a DRPC spout fetching requests, a result bolt answering them): the topology's id and secret, and the TLS
 * files of the cluster. A worker ({@code WorkerMain}) installs it before its executors start; elsewhere (local
 * mode, a client) there is none, and such calls go unsigned. Components receive only their topology's config,
 * which holds no secret, which is why this lives with the process.
 *
 * <p>A request is signed as {@link WorkerSignature} does, over {@code METHOD + " " + PATH + "\n" + BODY}, so a
 * signature for one path and body cannot be replayed on another. Immutable; the installed identity is published
 * through a volatile field.
 */
public final class WorkerIdentity {
    private static volatile WorkerIdentity current;

    private final String topologyId;
    private final byte[] topologySecret;
    private final TlsFiles tls;

    /**
     * An identity.
     *
     * @param topologySecret the topology's secret, or null when the cluster has no secret (then nothing is signed)
     * @param tls            the TLS files, or null when the cluster does not use TLS
     */
    public WorkerIdentity(String topologyId, byte[] topologySecret, TlsFiles tls) {
        this.topologyId = topologyId;
        this.topologySecret = topologySecret == null ? null : topologySecret.clone();
        this.tls = tls;
    }

    /** Makes {@code identity} this process's until the returned handle is closed. */
    public static Installed install(WorkerIdentity identity) {
        current = identity;
        return () -> {
            if (current == identity) {
                current = null;
            }
        };
    }

    /** This process's identity, or null outside a worker. */
    public static WorkerIdentity current() {
        return current;
    }

    /** Removes an installed identity. */
    @FunctionalInterface
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /** The topology this worker runs. */
    public String topologyId() {
        return topologyId;
    }

    /** The cluster's TLS files, or null. */
    public TlsFiles tls() {
        return tls;
    }

    /**
     * The headers that sign a request of this worker: the topology, the time and the signature; none when the cluster
     * has no secret.
     *
     * @param path the request's path and query, as sent
     */
    public Map<String, String> sign(String method, String path, byte[] body, long nowMs) {
        Map<String, String> h = new LinkedHashMap<>();
        if (topologySecret != null) {
            h.put(WorkerSignature.TOPOLOGY_HEADER, topologyId);
            h.put(WorkerSignature.TIME_HEADER, String.valueOf(nowMs));
            h.put(WorkerSignature.SIGNATURE_HEADER, WorkerSignature.sign(topologySecret, nowMs,
                    requestData(method, path, body)));
        }
        return h;
    }

    /** What a worker's request signature covers: its method, path (with query) and body. */
    public static byte[] requestData(String method, String path, byte[] body) {
        byte[] head = (method + " " + path + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public String toString() {
        return "WorkerIdentity(" + topologyId + ", secret " + (topologySecret == null ? "none" : "hidden") + ", tls "
                + (tls != null) + ")";
    }
}
