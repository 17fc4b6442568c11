package io.squall.daemon.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.errors.SquallException;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The stream taps of the dashboard's WebSocket pages. A page sends
 * {@code {"tap": {"topology": T, "component": C, "stream": S, "maxPerSec": N}}} to open a tap (one per page; a new
 * one replaces it) and {@code {"untap": true}} to close it; it then receives, every {@link #POLL_MILLIS} while there
 * is something new, {@code {"type": "tap", ...}} with the tuples sampled since the last message and the tap's
 * counters, and {@code {"type": "tap-error", "error": ...}} when the tap cannot be opened or stops. The workers
 * stop sampling a stream when the last page tapping it closes its tap or goes away.
 *
 * <p>Threads: messages and closed connections arrive on Netty's thread and become commands for the one tap thread,
 * which owns every session, reads the {@link ClusterView} (perhaps a remote Nimbus) and writes to the channels.
 */
final class TapSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TapSessions.class);
    /** How often open taps are read: often enough to look live, seldom enough to batch a busy stream. */
    static final long POLL_MILLIS = 250;
    private static final int DEFAULT_PER_SEC = 10;

    /** One page's tap; owned by the tap thread. */
    private static final class Session {
        final String topology;
        final TapKey key;
        final int maxPerSec;
        /** The cluster as the page's user sees it (their token, when the dashboard authenticates). */
        ClusterView view;
        long after;
        long lastSeen = -1;
        long lastDropped = -1;

        Session(String topology, TapKey key, int maxPerSec) {
            this.topology = topology;
            this.key = key;
            this.maxPerSec = maxPerSec;
        }
    }

    private final ClusterView view;
    private final ObjectMapper json;
    private final Map<Channel, Session> sessions = new HashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            new DefaultThreadFactory("dashboard-taps", true));

    TapSessions(ClusterView view, ObjectMapper json) {
        this.view = view;
        this.json = json;
        thread.scheduleWithFixedDelay(this::pollSafely, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Whether a page's message is about taps. */
    static boolean isTapMessage(JsonNode msg) {
        return msg.has("tap") || msg.has("untap");
    }

    /** Takes a page's tap message. Netty's thread. */
    void onMessage(Channel ch, JsonNode msg) {
        if (msg.has("untap")) {
            run(() -> stop(ch));
            return;
        }
        Session s;
        try {
            s = parse(msg.get("tap"));
        } catch (IllegalArgumentException e) {
            ch.writeAndFlush(new TextWebSocketFrame(error("Bad tap request: " + e.getMessage())));
            return;
        }
        s.view = ApiHandler.viewOf(view, ch.attr(ApiHandler.CREDENTIAL).get());
        ch.closeFuture().addListener(f -> run(() -> stop(ch)));
        run(() -> start(ch, s));
    }

    private static Session parse(JsonNode t) {
        if (t == null || !t.isObject()) {
            throw new IllegalArgumentException("'tap' must be an object {topology, component, stream, maxPerSec}");
        }
        for (String f : new String[] {"topology", "component"}) {
            if (!t.hasNonNull(f) || t.get(f).asText().isEmpty()) {
                throw new IllegalArgumentException("'tap' needs a '" + f + "'");
            }
        }
        String stream = t.hasNonNull("stream") ? t.get("stream").asText() : "default";
        JsonNode rate = t.get("maxPerSec");
        if (rate != null && !rate.canConvertToInt()) {
            throw new IllegalArgumentException("'maxPerSec' must be a whole number, got " + rate);
        }
        return new Session(t.get("topology").asText(), new TapKey(t.get("component").asText(), stream),
                rate == null ? DEFAULT_PER_SEC : rate.asInt());
    }

    private void run(Runnable command) {
        try {
            thread.execute(command);
        } catch (RejectedExecutionException closing) {
            LOG.debug("Dashboard closing; tap command dropped");
        }
    }

    private void start(Channel ch, Session s) {
        stop(ch);
        if (!ch.isActive()) {
            return;
        }
        sessions.put(ch, s);
        if (!send(ch, s, true)) {
            stop(ch);
        }
    }

    private void stop(Channel ch) {
        Session s = sessions.remove(ch);
        if (s == null) {
            return;
        }
        boolean stillRead = sessions.values().stream().anyMatch(o -> o.topology.equals(s.topology) && o.key.equals(s.key));
        if (!stillRead) {
            try {
                s.view.closeTap(s.topology, s.key);
            } catch (SquallException | UncheckedIOException e) {
                LOG.debug("Could not close the tap on {} of {}: {}", s.key, s.topology, e.getMessage());
            }
        }
    }

    private void pollSafely() {
        try {
            for (Map.Entry<Channel, Session> e : Map.copyOf(sessions).entrySet()) {
                if (!send(e.getKey(), e.getValue(), false)) {
                    stop(e.getKey());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Reading the dashboard's taps failed; retrying next round", e);
        }
    }

    /** Reads a session's tap and sends what is new (everything when {@code first}); false if the tap failed. */
    private boolean send(Channel ch, Session s, boolean first) {
        TapFeed.Read r;
        try {
            r = s.view.readTap(s.topology, s.key, s.maxPerSec, s.after);
        } catch (SquallException | IllegalArgumentException | UncheckedIOException e) {
            ch.writeAndFlush(new TextWebSocketFrame(error(e.getMessage())));
            return false;
        }
        boolean news = first || !r.rows().isEmpty() || r.seen() != s.lastSeen || r.dropped() != s.lastDropped;
        s.after = r.last();
        s.lastSeen = r.seen();
        s.lastDropped = r.dropped();
        if (news) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("type", "tap");
            msg.put("topology", s.topology);
            msg.put("component", s.key.component());
            msg.put("stream", s.key.stream());
            msg.put("maxPerSec", r.maxPerSec());
            msg.put("tuples", r.rows());
            msg.put("seen", r.seen());
            msg.put("sampled", r.sampled());
            msg.put("dropped", r.dropped());
            msg.put("missed", r.missed());
            ch.writeAndFlush(new TextWebSocketFrame(write(msg)));
        }
        return true;
    }

    private String error(String message) {
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("type", "tap-error");
        msg.put("error", message);
        return write(msg);
    }

    private String write(Object msg) {
        try {
            return json.writeValueAsString(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a tap message as JSON", e);
        }
    }

    /** Closes every tap still open and stops the tap thread. */
    @Override
    public void close() {
        run(() -> Map.copyOf(sessions).keySet().forEach(this::stop));
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
    }
}
