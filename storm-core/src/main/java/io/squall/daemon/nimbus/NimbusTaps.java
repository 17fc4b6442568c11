package io.squall.daemon.nimbus;

import com.fasterxml.jackson.databind.JsonNode;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stream taps of a cluster, kept by the leader Nimbus. A dashboard {@link #read}s a tap (which opens it and renews
 * its lease); each worker learns the taps of its topology in Nimbus's answer to its metrics report ({@link #wanted})
 * and sends what it sampled right after ({@link #report}); a tap no dashboard read for {@code leaseNanos} is closed,
 * so the workers stop sampling at their next report. Lost with a leader change: dashboards open their taps again at
 * their next read.
 *
 * <p>Threads: thread-safe (locks itself); called from Nimbus's HTTP threads.
 */
final class NimbusTaps {
    private record Key(String topology, TapKey stream) { }

    private final long leaseNanos;
    private final Map<Key, TapFeed> feeds = new HashMap<>();

    NimbusTaps(long leaseNanos) {
        this.leaseNanos = leaseNanos;
    }

    /**
     * Opens or renews a tap and reads what the workers sampled after {@code after}.
     *
     * @param streams the topology's components and their streams, to check the request against
     * @throws NimbusException 400 naming an unknown component or stream, or a bad rate
     */
    synchronized TapFeed.Read read(String topology, Map<String, Set<String>> streams, TapKey stream, int maxPerSec,
                                   long after, long nowNanos) {
        try {
            StreamTaps.check(streams, stream, maxPerSec);
        } catch (IllegalArgumentException e) {
            throw new NimbusException(400, e.getMessage());
        }
        TapFeed feed = feeds.compute(new Key(topology, stream), (k, f) -> f == null || f.maxPerSec() != maxPerSec
                ? new TapFeed(maxPerSec, nowNanos) : f);
        return feed.read(after, nowNanos);
    }

    /** Closes a tap; nothing happens if none is open. */
    synchronized void close(String topology, TapKey stream) {
        feeds.remove(new Key(topology, stream));
    }

    /** The taps a worker of {@code topology} must keep open: {@code component}, {@code stream}, {@code maxPerSec}. */
    synchronized List<Map<String, Object>> wanted(String topology, long nowNanos) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, TapFeed>> it = feeds.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, TapFeed> e = it.next();
            if (nowNanos - e.getValue().idleSince() > leaseNanos) {
                it.remove();
            } else if (e.getKey().topology().equals(topology)) {
                Map<String, Object> t = new LinkedHashMap<>();
                t.put("component", e.getKey().stream().component());
                t.put("stream", e.getKey().stream().stream());
                t.put("maxPerSec", e.getValue().maxPerSec());
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Takes a worker's samples: {@code {"topology", "worker", "taps": [{"component", "stream", "seen", "sampled",
     * "dropped", "samples": [{"timeMillis", "task", "values": [...]}]}]}}. Samples of a tap closed meanwhile are
     * ignored.
     *
     * @throws NimbusException 400 if the report is malformed
     */
    synchronized void report(JsonNode body) {
        String topology = body.path("topology").asText("");
        String worker = body.path("worker").asText("");
        if (topology.isEmpty() || worker.isEmpty() || !body.path("taps").isArray()) {
            throw new NimbusException(400, "A tap report needs 'topology', 'worker' and a 'taps' array");
        }
        for (JsonNode t : body.get("taps")) {
            TapFeed feed = feeds.get(new Key(topology, new TapKey(t.path("component").asText(),
                    t.path("stream").asText())));
            if (feed == null) {
                continue;
            }
            for (JsonNode s : t.path("samples")) {
                List<Object> values = new ArrayList<>();
                s.path("values").forEach(v -> values.add(plain(v)));
                feed.append(s.path("timeMillis").asLong(), s.path("task").asInt(), values);
            }
            feed.counters(worker, t.path("seen").asLong(), t.path("sampled").asLong(), t.path("dropped").asLong());
        }
    }

    /** A JSON value as the plain Java value it was before the worker wrote it. */
    private static Object plain(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.numberValue();
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isArray()) {
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(plain(x)));
            return out;
        }
        if (v.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            v.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
            return out;
        }
        return v.asText();
    }
}
