package io.squall.daemon.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AttributeKey;
import io.squall.metrics.aggregate.Window;
import io.squall.metrics.report.PrometheusFormat;
import io.squall.topology.NotAliveException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The dashboard's HTTP side: its static files, the JSON API and the Prometheus text. Every error is
 * answered as JSON {@code {"error": "...", "status": N}}: 400 for a malformed request, 404 for an unknown
 * path or topology, 405 for a wrong method, 501 for what the cluster cannot do, and a cluster's refusal
 * ({@link ClusterView.RequestFailedException}) with its own status. Shared by every connection.
 *
 * <p>Threads: the event loop never waits on the {@link ClusterView}, which may call a remote Nimbus. Each
 * request is answered on {@code calls}, and the response is written from there when it is ready; a
 * connection's requests are answered one after the other, in the order they came.
 *
 * <pre>
 * GET  /api/v1/cluster/summary
 * GET  /api/v1/topologies/NAME[?window=10m|3h|1d|all]     summary, components and metrics
 * GET  /api/v1/topologies/NAME/metrics[?window=...]       metrics alone (null before the first report)
 * POST /api/v1/topologies/NAME/activate | deactivate
 * POST /api/v1/topologies/NAME/kill[?wait=SECS]
 * POST /api/v1/topologies/NAME/rebalance[?workers=N][&amp;executors=COMPONENT=N,...][&amp;wait=SECS]
 * GET  /api/v1/drpc                                        the DRPC servers and their request counts
 * GET  /api/v1/topologies/NAME/state/COMPONENT[?key=K]   a stateful bolt's committed value for K, or its tasks' sizes
 * GET  /metrics                                            Prometheus text of every topology
 * </pre>
 */
@ChannelHandler.Sharable
final class ApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final String TOPOLOGIES = "/api/v1/topologies/";
    private static final String STORM_TOPOLOGY = "/api/v1/topology/";
    private static final String STORM_WORKERS = "/api/v1/topology-workers/";
    private static final String OWNER_RESOURCES = "/api/v1/owner-resources/";
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css",
            "/tap.js", "tap.js", "/examples/clickstream", "clickstream.html", "/clickstream.js", "clickstream.js");

    /** The answer of a connection's last request, which its next request's answer waits for. */
    private static final AttributeKey<CompletableFuture<?>> LAST_ANSWER = AttributeKey.valueOf("lastAnswer");

    /** The bearer token of the user a connection's requests come from, when the dashboard requires one. */
    static final AttributeKey<String> CREDENTIAL = AttributeKey.valueOf("credential");

    private final ClusterView view;
    private final DrpcServers drpc;
    private final ObjectMapper json;
    private final Executor calls;
    private final LogLinks logs;

    /** Answers requests about {@code view} on {@code calls}, a pool whose threads may block; no DRPC servers. */
    ApiHandler(ClusterView view, ObjectMapper json, Executor calls) {
        this(view, DrpcServers.none(), json, calls, LogLinks.NONE);
    }

    /**
     * Answers requests about {@code view} and {@code drpc} on {@code calls}, a pool whose threads may block; the
     * topology pages link the workers' logs as {@code logs} says.
     */
    ApiHandler(ClusterView view, DrpcServers drpc, ObjectMapper json, Executor calls, LogLinks logs) {
        this.view = view;
        this.drpc = drpc;
        this.json = json;
        this.calls = calls;
        this.logs = logs;
    }

    /** A bad request; the message says what is wrong. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final HttpResponseStatus status;

        HttpError(HttpResponseStatus status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** Event loop: queues the request's answer behind the connection's previous one, on {@code calls}. */
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        req.retain();
        CompletableFuture<?> previous = ctx.channel().attr(LAST_ANSWER).get();
        CompletableFuture<Void> next = (previous == null ? CompletableFuture.completedFuture(null)
                : previous.handle((done, failed) -> null))
                .thenRunAsync(() -> {
                    try {
                        answer(ctx, req);
                    } finally {
                        req.release();
                    }
                }, calls);
        next.exceptionally(failed -> {
            if (failed.getCause() instanceof RejectedExecutionException) {
                req.release(); // The dashboard is stopping; the request never ran.
            } else {
                LOG.error("Dashboard request {} failed", req.uri(), failed);
            }
            ctx.close();
            return null;
        });
        ctx.channel().attr(LAST_ANSWER).set(next);
    }

    /** One of {@code calls}: computes the answer to a request and writes it. */
    private void answer(ChannelHandlerContext ctx, FullHttpRequest req) {
        FullHttpResponse res;
        try {
            if (!req.decoderResult().isSuccess()) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, "Malformed HTTP request");
            }
            res = route(req, viewOf(view, ctx.channel().attr(CREDENTIAL).get()));
        } catch (HttpError e) {
            res = error(e.status, e.getMessage());
        } catch (NotAliveException e) {
            res = error(HttpResponseStatus.NOT_FOUND, e.getMessage());
        } catch (ClusterView.NotSupportedException e) {
            res = error(HttpResponseStatus.NOT_IMPLEMENTED, e.getMessage());
        } catch (ClusterView.RequestFailedException e) {
            res = error(HttpResponseStatus.valueOf(e.status()), e.getMessage());
            if (e.status() == 401) {
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, DashboardServer.CHALLENGE);
            }
        } catch (RuntimeException e) {
            LOG.warn("Dashboard request {} {} failed", req.method(), req.uri(), e);
            res = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error: " + e);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        HttpUtil.setKeepAlive(res, keepAlive);
        var f = ctx.writeAndFlush(res);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The view as the user of {@code token}, or the view itself when there is no token. */
    static ClusterView viewOf(ClusterView view, String token) {
        return token == null ? view : view.forUser(token);
    }

    private FullHttpResponse route(FullHttpRequest req, ClusterView view) {
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        String path = q.path();
        if (STATIC.containsKey(path)) {
            requireMethod(req, HttpMethod.GET);
            return resource(STATIC.get(path));
        }
        if (path.equals("/metrics")) {
            requireMethod(req, HttpMethod.GET);
            return response(HttpResponseStatus.OK, PrometheusFormat.CONTENT_TYPE,
                    PrometheusFormat.write(view.registries()).getBytes(StandardCharsets.UTF_8));
        }
        if (path.equals("/api/v1/drpc")) {
            requireMethod(req, HttpMethod.GET);
            return ok(Map.of("servers", drpc.status()));
        }
        if (path.equals("/api/v1/cluster/summary")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.clusterSummary(view));
        }
        if (path.equals("/api/v1/topology/summary")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.topologySummary(view));
        }
        if (path.equals("/api/v1/nimbus/summary")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.nimbusSummary(view));
        }
        if (path.equals("/api/v1/cluster/configuration")) {
            requireMethod(req, HttpMethod.GET);
            return ok(view.configuration());
        }
        if (path.equals("/api/v1/history/summary")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.history(view));
        }
        if (path.equals("/api/v1/supervisor/summary")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.supervisorSummary(view));
        }
        if (path.equals("/api/v1/supervisor")) {
            requireMethod(req, HttpMethod.GET);
            try {
                return ok(StormUiApi.supervisor(view, param(q, "id"), param(q, "host"), logs));
            } catch (IllegalArgumentException e) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            }
        }
        if (path.equals("/api/v1/owner-resources")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.ownerResources(view));
        }
        if (path.startsWith(OWNER_RESOURCES)) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.ownerResources(view,
                    QueryStringDecoder.decodeComponent(path.substring(OWNER_RESOURCES.length()))));
        }
        if (path.startsWith(STORM_TOPOLOGY)) {
            return stormTopology(req, view, q, path);
        }
        if (path.startsWith(STORM_WORKERS)) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.topologyWorkers(view,
                    QueryStringDecoder.decodeComponent(path.substring(STORM_WORKERS.length())), logs.port()));
        }
        if (path.startsWith(TOPOLOGIES)) {
            String[] parts = path.substring(TOPOLOGIES.length()).split("/", -1);
            String name = QueryStringDecoder.decodeComponent(parts[0]);
            if (name.isEmpty()) {
                throw new HttpError(HttpResponseStatus.NOT_FOUND, "No topology named in " + path);
            }
            if (parts.length == 1) {
                requireMethod(req, HttpMethod.GET);
                return ok(topologyPage(view, name, window(q), logs));
            }
            if (parts.length == 2 && parts[1].equals("metrics")) {
                requireMethod(req, HttpMethod.GET);
                return ok(view.metrics(name, window(q)));
            }
            if (parts.length == 3 && parts[1].equals("state")) {
                requireMethod(req, HttpMethod.GET);
                return ok(view.state(name, QueryStringDecoder.decodeComponent(parts[2]), param(q, "key")));
            }
            if (parts.length == 2) {
                requireMethod(req, HttpMethod.POST);
                return action(view, name, parts[1], q);
            }
        }
        throw new HttpError(HttpResponseStatus.NOT_FOUND, "Not found: " + path
                + " (the API is under /api/v1/cluster/summary, /api/v1/topologies/NAME and /api/v1/drpc)");
    }

    /**
     * Storm UI's paths under {@code /api/v1/topology/ID}: the topology, a component, and the actions (POST
     * {@code activate}, {@code deactivate}, {@code rebalance/WAIT} with Storm's {@code rebalanceOptions} body,
     * {@code kill/WAIT}), answered as Storm's UI answers them.
     */
    private FullHttpResponse stormTopology(FullHttpRequest req, ClusterView view, QueryStringDecoder q, String path) {
        String[] parts = path.substring(STORM_TOPOLOGY.length()).split("/", -1);
        String id = QueryStringDecoder.decodeComponent(parts[0]);
        if (id.isEmpty()) {
            throw new HttpError(HttpResponseStatus.NOT_FOUND, "No topology id in " + path);
        }
        if (parts.length == 1) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.topology(view, id, param(q, "window")));
        }
        if (parts.length == 2 && parts[1].equals("metrics")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.topologyMetrics(view, id, param(q, "window")));
        }
        if (parts.length == 3 && parts[1].equals("component")) {
            requireMethod(req, HttpMethod.GET);
            return ok(StormUiApi.component(view, id, QueryStringDecoder.decodeComponent(parts[2]),
                    param(q, "window"), logs));
        }
        if (parts.length >= 4 && parts[1].equals("profiling")) {
            requireMethod(req, HttpMethod.GET);
            try {
                return ok(StormUiApi.profiling(view, id, parts[2], QueryStringDecoder.decodeComponent(parts[3]),
                        parts.length > 4 ? parts[4] : null, logs));
            } catch (IllegalArgumentException e) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, e.getMessage());
            }
        }
        boolean componentDebug = parts.length == 6 && parts[1].equals("component") && parts[3].equals("debug");
        if (componentDebug || parts.length == 4 && parts[1].equals("debug")) {
            // Storm's POST .../debug/enable|disable/PERCENT, for the topology or one component.
            requireMethod(req, HttpMethod.POST);
            ClusterView.TopologySummary t = StormUiApi.find(view, id);
            String action = componentDebug ? parts[4] : parts[2];
            String percent = componentDebug ? parts[5] : parts[3];
            if (!action.equals("enable") && !action.equals("disable")) {
                throw new HttpError(HttpResponseStatus.NOT_FOUND, "Unknown debug action '" + action
                        + "': enable or disable");
            }
            double p;
            try {
                p = Double.parseDouble(percent);
                view.debug(t.name(), componentDebug ? QueryStringDecoder.decodeComponent(parts[2]) : "",
                        action.equals("enable"), p);
            } catch (IllegalArgumentException e) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, e instanceof NumberFormatException
                        ? "The sampling percentage is a number above 0 and at most 100, not '" + percent + "'"
                        : e.getMessage());
            }
            return ok(StormUiApi.operation("debug", t.id()));
        }
        requireMethod(req, HttpMethod.POST);
        ClusterView.TopologySummary t = StormUiApi.find(view, id);
        String action = parts[1];
        String operation = parts.length == 2 ? action : parts.length == 3 ? action + "/WAIT" : "";
        switch (operation) {
            case "activate" -> view.activate(t.name());
            case "deactivate" -> view.deactivate(t.name());
            case "kill/WAIT" -> view.kill(t.name(), positive("wait time", parts[2]));
            case "rebalance/WAIT" -> {
                int wait = positive("wait time", parts[2]);
                JsonNode options = rebalanceOptions(req);
                Map<String, Integer> executors = new LinkedHashMap<>();
                options.path("executors").properties().forEach(e -> executors.put(e.getKey(),
                        positive("executors for " + e.getKey(), e.getValue().asText())));
                view.rebalance(t.name(), positive("numWorkers", options.path("numWorkers").asText("0")), executors,
                        wait);
            }
            default -> throw new HttpError(HttpResponseStatus.NOT_FOUND, "Unknown operation " + path + ": POST "
                    + STORM_TOPOLOGY + "ID/activate, deactivate, rebalance/WAIT or kill/WAIT");
        }
        return ok(StormUiApi.operation(action, t.id()));
    }

    /** The {@code rebalanceOptions} of a Storm UI rebalance request's JSON body (none: an empty object). */
    private JsonNode rebalanceOptions(FullHttpRequest req) {
        String body = req.content().toString(StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body).path("rebalanceOptions");
        } catch (IOException e) {
            throw new HttpError(HttpResponseStatus.BAD_REQUEST, "The rebalance request's body is not JSON ("
                    + e.getMessage() + "); send {\"rebalanceOptions\": {\"numWorkers\": N, \"executors\": "
                    + "{\"COMPONENT\": N}}}");
        }
    }

    /**
     * The topology page's data: summary, components and metrics over {@code window}, and where the workers' logs
     * are served ({@code logviewer}: {@code {"scheme", "port"}}, or null when no link is to be shown).
     */
    static Map<String, Object> topologyPage(ClusterView view, String name, Window window, LogLinks logs) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("summary", view.topology(name));
        page.put("components", view.components(name));
        page.put("metrics", view.metrics(name, window));
        page.put("logviewer", logs.asJson());
        return page;
    }

    static Window window(QueryStringDecoder q) {
        String w = param(q, "window");
        if (w == null) {
            return Window.TEN_MINUTES;
        }
        try {
            return Window.ofLabel(w);
        } catch (IllegalArgumentException e) {
            throw new HttpError(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
    }

    private FullHttpResponse action(ClusterView view, String name, String action, QueryStringDecoder q) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topology", name);
        body.put("action", action);
        body.put("status", "ok");
        switch (action) {
            case "activate" -> view.activate(name);
            case "deactivate" -> view.deactivate(name);
            case "kill" -> view.kill(name, intParam(q, "wait", 0));
            case "rebalance" -> {
                int workers = intParam(q, "workers", 0);
                ClusterView.Placement p = view.rebalance(name, workers, executors(param(q, "executors")),
                        intParam(q, "wait", 0));
                body.put("workers", p.workers());
                body.put("workersRequested", p.workersRequested());
                body.put("message", p.describe(name));
            }
            default -> throw new HttpError(HttpResponseStatus.NOT_FOUND, "Unknown action '" + action
                    + "': POST activate, deactivate, kill or rebalance; GET metrics");
        }
        return ok(body);
    }

    private static Map<String, Integer> executors(String spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (spec == null || spec.isEmpty()) {
            return out;
        }
        for (String pair : spec.split(",")) {
            String[] kv = pair.split("=", 2);
            if (kv.length != 2 || kv[0].isBlank()) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, "Parameter 'executors' must read "
                        + "COMPONENT=N[,COMPONENT=N...], but got '" + spec + "'");
            }
            out.put(kv[0], positive("executors for " + kv[0], kv[1]));
        }
        return out;
    }

    private static String param(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static int intParam(QueryStringDecoder q, String name, int dflt) {
        String v = param(q, name);
        return v == null ? dflt : positive("parameter '" + name + "'", v);
    }

    private static int positive(String what, String v) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new HttpError(HttpResponseStatus.BAD_REQUEST, "The " + what + " must be 0 or more, got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new HttpError(HttpResponseStatus.BAD_REQUEST, "The " + what + " must be a whole number, got '"
                    + v + "'");
        }
    }

    private static void requireMethod(FullHttpRequest req, HttpMethod method) {
        if (!req.method().equals(method)) {
            throw new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "Use " + method + " for "
                    + new QueryStringDecoder(req.uri()).path() + ", not " + req.method());
        }
    }

    private FullHttpResponse resource(String file) {
        try (InputStream in = ApiHandler.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new HttpError(HttpResponseStatus.NOT_FOUND, "Missing dashboard file " + file);
            }
            String type = file.endsWith(".js") ? "text/javascript; charset=utf-8"
                    : file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
            return response(HttpResponseStatus.OK, type, in.readAllBytes());
        } catch (IOException e) {
            throw new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Cannot read dashboard file " + file);
        }
    }

    private FullHttpResponse ok(Object body) {
        return jsonResponse(HttpResponseStatus.OK, body);
    }

    private FullHttpResponse error(HttpResponseStatus status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status.code());
        return jsonResponse(status, body);
    }

    private FullHttpResponse jsonResponse(HttpResponseStatus status, Object body) {
        try {
            return response(status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, byte[] body) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        res.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return res;
    }
}
