package io.squall.daemon.logviewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.squall.daemon.ui.DashboardServer;
import io.squall.security.TlsFiles;
import io.squall.security.TlsGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Storm's logviewer: serves the log files under one machine's log root over HTTP, as Storm's logviewer REST API.
 * Every error is JSON {@code {"error": "...", "status": N}}.
 *
 * <pre>
 * GET /                                                   the files, as HTML links
 * GET /api/v1/list-logs[?topology-id=ID][&amp;port=PORT]     worker logs, as a JSON array of file names
 * GET /api/v1/log?file=F[&amp;start=B][&amp;length=N][&amp;format=json]   a page of a worker log (the last page without start),
 *                                                         HTML with previous/next links, or JSON
 * GET /api/v1/daemonlog?file=F[...]                       the same for a daemon's log
 * GET /api/v1/download?file=F | daemondownload?file=F     the whole file, as an attachment
 * GET /api/v1/search?file=F&amp;search-string=S[&amp;num-matches=N][&amp;start-byte-offset=B][&amp;is-daemon=yes]
 *                                                         matches with their byte offsets and context, JSON
 * </pre>
 *
 * <p>Only regular files under the root are served ({@link LogFiles}); pages and searches are bounded
 * ({@link LogReader}). With {@code requireCredential} every request needs the user's token (Bearer, or the password
 * of HTTP Basic, as the dashboard): one without gets 401 and is counted; then {@link LogAccess} decides who reads
 * what. With TLS files it serves HTTPS only. With cleanup settings it also deletes the old logs of dead workers
 * ({@link LogCleaner}).
 *
 * <p>Threads: Netty's event loop only moves bytes. Each request is answered on a pool of two threads (reading files
 * and asking Nimbus may block); a connection stops reading until its answer is written, so its requests are
 * answered in order.
 */
public final class LogviewerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogviewerServer.class);
    private static final int MAX_REQUEST_BYTES = 16 * 1024;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final String API = "/api/v1/";

    private final LogviewerSettings settings;
    private final LogFiles files;
    private final LogReader reader;
    private final ObjectMapper json = new ObjectMapper();
    private final EventLoopGroup boss = new NioEventLoopGroup(1);
    private final EventLoopGroup workers = new NioEventLoopGroup(1);
    private final ExecutorService calls = Executors.newFixedThreadPool(2,
            new DefaultThreadFactory("logviewer-call", true));
    private final AtomicLong unauthenticated = new AtomicLong();
    private final AtomicLong tlsRefused = new AtomicLong();
    private final Channel channel;
    private final String scheme;
    /** The cleanup of old worker logs, or null when the settings ask for none. */
    private final LogCleaner cleaner;

    /**
     * Starts serving.
     *
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public LogviewerServer(LogviewerSettings settings) {
        this.settings = settings;
        this.files = new LogFiles(settings.root());
        this.reader = new LogReader(settings.maxPageBytes(), settings.maxScanBytes());
        this.scheme = settings.tls() == null ? "http" : "https";
        SslContext ssl = settings.tls() == null ? null : settings.tls().nettyServer(false);
        Handler handler = new Handler();
        try {
            channel = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (ssl != null) {
                                ch.pipeline().addLast(TlsFiles.serverHandler(ssl, ch),
                                        new TlsGuard("logviewer", tlsRefused));
                            }
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                    new ChunkedWriteHandler(), handler);
                        }
                    }).bind(settings.host(), settings.port()).sync().channel();
        } catch (InterruptedException e) {
            shutdownGroups();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the logviewer", e);
        } catch (Exception e) { // Netty rethrows a failed bind's checked BindException unchecked.
            shutdownGroups();
            throw new IllegalStateException("Cannot start the logviewer on " + settings.host() + ":" + settings.port()
                    + ": " + e, e);
        }
        this.cleaner = settings.cleanup() == null ? null : LogCleaner.start(files, settings.cleanup());
        LOG.info("Logviewer at {} serving {} ({})", url(), files.root(),
                settings.requireCredential() ? "tokens required" : "no authentication");
    }

    /** The port it listens on. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Its address, e.g. {@code http://127.0.0.1:8000/}. */
    public String url() {
        InetSocketAddress a = (InetSocketAddress) channel.localAddress();
        return scheme + "://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/";
    }

    /** Requests refused for want of a token. */
    public long unauthenticated() {
        return unauthenticated.get();
    }

    /** An answer: a full response, or a file to stream. */
    private sealed interface Answer permits Full, Download { }

    private record Full(HttpResponseStatus status, String type, byte[] body) implements Answer { }

    private record Download(LogFiles.LogFile file) implements Answer { }

    /** Shared by every connection; answers on {@code calls}. */
    @ChannelHandler.Sharable
    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            req.retain();
            ctx.channel().config().setAutoRead(false);
            try {
                calls.execute(() -> {
                    try {
                        respond(ctx, req);
                    } finally {
                        req.release();
                    }
                });
            } catch (RejectedExecutionException stopping) {
                req.release();
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("Logviewer connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    /** One of {@code calls}: computes the answer and writes it. */
    private void respond(ChannelHandlerContext ctx, FullHttpRequest req) {
        Answer answer;
        try {
            answer = answer(req);
        } catch (LogRequestException e) {
            answer = error(e.status(), e.getMessage());
        } catch (IOException e) {
            answer = error(500, "Cannot read the log file: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Logviewer request {} failed", req.uri(), e);
            answer = error(500, "Internal error: " + e);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        ChannelFuture done;
        if (answer instanceof Download d) {
            done = download(ctx, d.file(), keepAlive);
        } else {
            Full f = (Full) answer;
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, f.status(),
                    Unpooled.wrappedBuffer(f.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, f.type());
            res.headers().set("X-Content-Type-Options", "nosniff");
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, f.body().length);
            if (f.status().code() == 401) {
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"Squall logviewer (password: your "
                        + "token)\", charset=\"UTF-8\"");
            }
            HttpUtil.setKeepAlive(res, keepAlive);
            done = ctx.writeAndFlush(res);
        }
        done.addListener((ChannelFutureListener) fut -> {
            if (!keepAlive || !fut.isSuccess()) {
                fut.channel().close();
            } else {
                fut.channel().config().setAutoRead(true);
            }
        });
    }

    private ChannelFuture download(ChannelHandlerContext ctx, LogFiles.LogFile file, boolean keepAlive) {
        RandomAccessFile raf;
        long length;
        try {
            raf = new RandomAccessFile(file.path().toFile(), "r");
            length = raf.length(); // A file still growing is sent as long as it was now.
        } catch (IOException e) {
            Full f = error(404, "Cannot read log file '" + file.name() + "': " + e.getMessage());
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, f.status(),
                    Unpooled.wrappedBuffer(f.body()));
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, f.body().length);
            return ctx.writeAndFlush(res);
        }
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        res.headers().set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\""
                + file.path().getFileName().toString().replace("\"", "") + "\"");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        HttpUtil.setKeepAlive(res, keepAlive);
        ctx.write(res);
        try {
            return ctx.writeAndFlush(new HttpChunkedInput(new ChunkedFile(raf, 0, length, CHUNK_BYTES)));
        } catch (IOException e) {
            closeQuietly(raf);
            return ctx.close();
        }
    }

    private static void closeQuietly(RandomAccessFile raf) {
        try {
            raf.close();
        } catch (IOException ignored) {
            // Nothing was sent from it.
        }
    }

    private Answer answer(FullHttpRequest req) throws IOException {
        if (!req.decoderResult().isSuccess()) {
            throw new LogRequestException(400, "Malformed HTTP request");
        }
        if (!HttpMethod.GET.equals(req.method())) {
            throw new LogRequestException(405, "Only GET is served, not " + req.method());
        }
        String token = DashboardServer.tokenOf(req.headers().get(HttpHeaderNames.AUTHORIZATION));
        QueryStringDecoder q = new QueryStringDecoder(req.uri());
        if (token == null && settings.requireCredential()) {
            LOG.warn("Unauthenticated logviewer request {} ({} so far)", q.path(), unauthenticated.incrementAndGet());
            throw new LogRequestException(401, "Authentication required: sign in with your user name and your token "
                    + "as the password, or send Authorization: Bearer TOKEN");
        }
        String path = q.path();
        if (path.equals("/")) {
            return html(LogPageHtml.index(readable(token, null, null), daemonLogsFor(token)));
        }
        if (!path.startsWith(API)) {
            throw new LogRequestException(404, "Not found: " + path + " (the API is under " + API + ")");
        }
        if (path.startsWith(API + "dumps/")) {
            return dumps(token, path.substring((API + "dumps/").length()));
        }
        return switch (path.substring(API.length())) {
            case "list-logs" -> ok(readable(token, first(q, "topology-id", "topologyId"), intParam(q, "port")));
            case "log" -> page(token, q, false);
            case "daemonlog" -> page(token, q, true);
            case "download" -> new Download(file(token, q, false));
            case "daemondownload" -> new Download(file(token, q, true));
            case "search" -> search(token, q);
            default -> throw new LogRequestException(404, "Not found: " + path + " (list-logs, log, daemonlog, "
                    + "download, daemondownload, search, dumps/TOPOLOGY_ID/HOST:PORT)");
        };
    }

    /**
     * Storm's {@code /api/v1/dumps/TOPOLOGY_ID/HOST:PORT}: the dumps the worker wrote on request (thread and heap
     * dumps, JFR recordings), linked to their download.
     */
    private Answer dumps(String token, String rest) throws IOException {
        String[] parts = rest.split("/", -1);
        String worker = parts.length == 2 ? QueryStringDecoder.decodeComponent(parts[1]) : "";
        int colon = worker.lastIndexOf(':');
        Integer port = colon < 0 ? null : intOrNull(worker.substring(colon + 1));
        if (parts.length != 2 || port == null) {
            throw new LogRequestException(400, "Give /api/v1/dumps/TOPOLOGY_ID/HOST:PORT, not /api/v1/dumps/" + rest);
        }
        String topologyId = QueryStringDecoder.decodeComponent(parts[0]);
        List<String> dumps = readable(token, topologyId, port).stream().filter(LogFiles::isDump).toList();
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Dumps</title>"
                + "</head><body><h1>Dumps of worker " + LogPageHtml.esc(worker) + " of " + LogPageHtml.esc(topologyId)
                + "</h1><ul>");
        dumps.forEach(n -> b.append("<li><a href=\"/api/v1/download?file=").append(LogPageHtml.url(n)).append("\">")
                .append(LogPageHtml.esc(n)).append("</a></li>"));
        return html(b.append(dumps.isEmpty() ? "<li>none</li>" : "").append("</ul></body></html>").toString());
    }

    private static Integer intOrNull(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The file a request names, checked to be of the kind asked for and readable by the user. */
    private LogFiles.LogFile file(String token, QueryStringDecoder q, boolean daemon) {
        LogFiles.LogFile f = files.resolve(first(q, "file"));
        if (daemon && f.isWorkerLog()) {
            throw new LogRequestException(400, "'" + f.name() + "' is a worker's log: read it with /api/v1/log");
        }
        if (!daemon && !f.isWorkerLog()) {
            throw new LogRequestException(400, "'" + f.name() + "' is not a worker's log "
                    + "(worker-TOPOLOGY_ID-PORT.log): read a daemon's log with /api/v1/daemonlog");
        }
        if (daemon) {
            settings.access().checkDaemonLog(token);
        } else {
            settings.access().checkWorkerLog(token, f.topologyId());
        }
        return f;
    }

    private Answer page(String token, QueryStringDecoder q, boolean daemon) throws IOException {
        LogFiles.LogFile f = file(token, q, daemon);
        Long length = longParam(q, "length");
        LogReader.Page p = reader.page(f.path(), longParam(q, "start"), length);
        if ("json".equals(first(q, "format"))) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("file", f.name());
            body.put("start", p.start());
            body.put("length", p.length());
            body.put("fileLength", p.fileLength());
            body.put("content", p.text());
            return ok(body);
        }
        int pageBytes = reader.pageLength(length);
        return html(LogPageHtml.page(f.name(), p, daemon ? "daemonlog" : "log",
                daemon ? "daemondownload" : "download", pageBytes, daemon));
    }

    private Answer search(String token, QueryStringDecoder q) throws IOException {
        boolean daemon = "yes".equals(first(q, "is-daemon"));
        LogFiles.LogFile f = file(token, q, daemon);
        Long offset = longParam(q, "start-byte-offset");
        LogReader.SearchResult r = reader.search(f.path(), first(q, "search-string"), offset == null ? 0 : offset,
                LogReader.matchCount(longParam(q, "num-matches")));
        String endpoint = daemon ? "daemonlog" : "log";
        List<Map<String, Object>> matches = new ArrayList<>();
        for (LogReader.Match m : r.matches()) {
            Map<String, Object> match = new LinkedHashMap<>();
            match.put("byteOffset", m.byteOffset());
            match.put("beforeString", m.beforeString());
            match.put("matchString", m.matchString());
            match.put("afterString", m.afterString());
            long start = Math.max(0, m.byteOffset() - LogReader.DEFAULT_PAGE_BYTES / 2);
            match.put("logviewerURL", "/api/v1/" + endpoint + "?file=" + LogPageHtml.url(f.name()) + "&start="
                    + start + "&length=" + LogReader.DEFAULT_PAGE_BYTES);
            matches.add(match);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("isDaemon", daemon ? "yes" : "no");
        body.put("file", f.name());
        body.put("searchString", first(q, "search-string"));
        body.put("startByteOffset", r.startByteOffset());
        body.put("matches", matches);
        if (r.nextByteOffset() != null) {
            body.put("nextByteOffset", r.nextByteOffset());
        }
        body.put("scanLimitReached", r.scanLimitReached());
        return ok(body);
    }

    /**
     * The worker logs the user may read: all of them with no authentication; else those of the topologies Nimbus
     * lets the user view (asked once per topology). A 401 stops the listing; a refused topology is left out, unless
     * the request named it, which is then refused.
     */
    private List<String> readable(String token, String topologyId, Integer port) throws IOException {
        List<String> names = files.workerLogs(topologyId, port);
        if (!settings.requireCredential()) {
            return names;
        }
        if (topologyId != null) {
            settings.access().checkWorkerLog(token, topologyId);
            return names;
        }
        Set<String> allowed = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String id = files.resolve(n).topologyId();
            if (!allowed.contains(id) && !refused.contains(id)) {
                try {
                    settings.access().checkWorkerLog(token, id);
                    allowed.add(id);
                } catch (LogRequestException e) {
                    if (e.status() != 403) {
                        throw e;
                    }
                    refused.add(id);
                }
            }
            if (allowed.contains(id)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The daemons' logs, for users who may read them; none for others. */
    private List<String> daemonLogsFor(String token) throws IOException {
        try {
            settings.access().checkDaemonLog(token);
            return files.daemonLogs();
        } catch (LogRequestException e) {
            if (e.status() != 403) {
                throw e;
            }
            return List.of();
        }
    }

    private static String first(QueryStringDecoder q, String... names) {
        for (String n : names) {
            List<String> v = q.parameters().get(n);
            if (v != null && !v.isEmpty()) {
                return v.get(0);
            }
        }
        return null;
    }

    private static Long longParam(QueryStringDecoder q, String name) {
        String v = first(q, name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new LogRequestException(400, name + " must be a whole number, got '" + v + "'");
        }
    }

    private static Integer intParam(QueryStringDecoder q, String name) {
        Long v = longParam(q, name);
        if (v != null && (v < 0 || v > 65535)) {
            throw new LogRequestException(400, name + " must be a port number, got " + v);
        }
        return v == null ? null : v.intValue();
    }

    private Full ok(Object body) {
        try {
            return new Full(HttpResponseStatus.OK, "application/json; charset=utf-8", json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private static Full html(String page) {
        return new Full(HttpResponseStatus.OK, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }

    private Full error(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("status", status);
        try {
            return new Full(HttpResponseStatus.valueOf(status), "application/json; charset=utf-8",
                    json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    private void shutdownGroups() {
        calls.shutdownNow();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Stops serving and closes every connection. */
    @Override
    public void close() {
        if (cleaner != null) {
            cleaner.close();
        }
        channel.close().syncUninterruptibly();
        shutdownGroups();
    }
}
