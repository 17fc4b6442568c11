package io.squall.daemon.ui;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the dashboard links each worker's log: the logviewer on the worker's host, on {@code logviewer.port} of the
 * dashboard's configuration (the same on every machine of a cluster), over HTTPS when the cluster uses TLS. The
 * page builds {@code SCHEME://HOST:PORT/api/v1/log?file=worker-TOPOLOGY_ID-PORT.log} for each worker. Immutable.
 *
 * @param port   the logviewers' port; 0 shows no links (local mode, or no logviewer)
 * @param scheme {@code http} or {@code https}
 */
public record LogLinks(int port, String scheme) {
    /** No links. */
    public static final LogLinks NONE = new LogLinks(0, "http");

    /** Links to logviewers on {@code port} (none if 0), over HTTPS if {@code tls}. */
    public static LogLinks of(int port, boolean tls) {
        return port <= 0 ? NONE : new LogLinks(port, tls ? "https" : "http");
    }

    /** What the topology page is sent: {@code {"scheme", "port"}}, or null for no links. */
    Map<String, Object> asJson() {
        if (port <= 0) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheme", scheme);
        m.put("port", port);
        return m;
    }
}
