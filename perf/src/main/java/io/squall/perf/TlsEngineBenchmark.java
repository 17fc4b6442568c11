package io.squall.perf;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.squall.security.DevCerts;
import io.squall.security.TlsFiles;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What TLS costs per byte with each engine Squall can use ({@code squall.tls.provider}): a client and a server
 * engine of the workers' mutual-TLS contexts, in memory, seal and open 64 KiB frames (the default
 * {@code messaging.batch.bytes}) for a while; prints MB/s per round, the JDK's engine and BoringSSL alternated in
 * one JVM so both see the same machine. No sockets, so it isolates the engine from the transport.
 *
 * <pre>usage: TlsEngineBenchmark [secondsPerRound] [rounds]</pre>
 */
public final class TlsEngineBenchmark {
    private static final int FRAME_BYTES = 65536;

    private TlsEngineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long secs = args.length > 0 ? Long.parseLong(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        Path dir = Files.createTempDirectory("squall-tls-bench");
        DevCerts.write(dir, List.of());
        for (int round = 0; round < rounds; round++) {
            for (TlsFiles.Provider p : TlsFiles.Provider.values()) {
                TlsFiles tls = new TlsFiles(dir.resolve(DevCerts.CERT), dir.resolve(DevCerts.KEY),
                        dir.resolve(DevCerts.CA), p);
                SslContext server = tls.nettyServer(true);
                SslContext client = tls.nettyClient();
                SSLEngine se = server.newEngine(ByteBufAllocator.DEFAULT);
                SSLEngine ce = client.newEngine(ByteBufAllocator.DEFAULT, "localhost", 1);
                ByteBuffer c2s = ByteBuffer.allocateDirect(1 << 20);
                ByteBuffer s2c = ByteBuffer.allocateDirect(1 << 20);
                ByteBuffer app = ByteBuffer.allocateDirect(1 << 20);
                handshake(ce, se, c2s, s2c, app);
                ByteBuffer frame = ByteBuffer.allocateDirect(FRAME_BYTES);
                long bytes = 0;
                long t0 = System.nanoTime();
                long deadline = t0 + secs * 1_000_000_000L;
                while (System.nanoTime() < deadline) {
                    frame.clear();
                    while (frame.hasRemaining()) {
                        c2s.clear();
                        ce.wrap(frame, c2s);
                        c2s.flip();
                        app.clear();
                        while (c2s.hasRemaining()) {
                            se.unwrap(c2s, app);
                        }
                    }
                    bytes += FRAME_BYTES;
                }
                double elapsed = (System.nanoTime() - t0) / 1e9;
                SslProvider used = tls.nettyProvider();
                System.out.printf("tls-engine  round %d  %-7s %s %s  %,8.0f MB/s sealed and opened%n", round, used,
                        ce.getSession().getProtocol(), ce.getSession().getCipherSuite(), bytes / elapsed / 1e6);
            }
        }
    }

    /** Runs the handshake between two engines through the two in-memory buffers (kept in write mode). */
    private static void handshake(SSLEngine client, SSLEngine server, ByteBuffer c2s, ByteBuffer s2c, ByteBuffer app)
            throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 100 && !(idle(client) && idle(server)); i++) {
            step(client, c2s, s2c, app);
            step(server, s2c, c2s, app);
        }
        if (!idle(client)) {
            throw new IllegalStateException("The TLS handshake did not finish: " + client.getHandshakeStatus());
        }
    }

    private static boolean idle(SSLEngine e) {
        SSLEngineResult.HandshakeStatus h = e.getHandshakeStatus();
        return h == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || h == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        runTasks(e);
        if (e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            e.wrap(ByteBuffer.allocate(0), out);
        }
        in.flip();
        while (in.hasRemaining() && e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
            SSLEngineResult r = e.unwrap(in, app);
            runTasks(e);
            if (r.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        in.compact();
        runTasks(e);
        if (e.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
            e.wrap(ByteBuffer.allocate(0), out);
        }
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
        }
    }
}
