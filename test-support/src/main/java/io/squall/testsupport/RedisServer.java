package io.squall.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (the Debian package {@code redis-server}) for tests, as a child process on a free
 * loopback port with its data in a temporary directory. It writes an append-only file synced on every write,
 * so {@link #kill} followed by {@link #start} on the same port brings back every acknowledged write, as a
 * durable production Redis would; {@link #close} stops the process and deletes the directory.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RedisServer implements AutoCloseable {
    private static final long START_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(30);

    /** A cluster node's bus listens on its port plus this. */
    private static final int CLUSTER_BUS_OFFSET = 10_000;

    private final Path dir;
    private final int port;
    private final List<String> extraArgs;
    private Process process;
    private final Thread shutdownHook;

    private RedisServer(Path dir, int port, List<String> extraArgs) {
        this.dir = dir;
        this.port = port;
        this.extraArgs = extraArgs;
        this.shutdownHook = new Thread(this::destroy, "redis-server-" + port + "-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a Redis server on a free loopback port and waits until it answers PING.
     *
     * @throws IllegalStateException if {@code redis-server} is not installed, saying how to install it
     */
    public static RedisServer start() {
        return start(List.of(), false);
    }

    /**
     * Starts a Redis server with Redis Cluster enabled, not yet part of a cluster ({@link RedisTestCluster} forms
     * one), on a free loopback port whose bus port (the port plus 10000) is free too.
     */
    public static RedisServer startClusterNode() {
        return start(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "2000"), true);
    }

    private static RedisServer start(List<String> extraArgs, boolean needsBusPort) {
        requireInstalled();
        Path dir;
        try {
            Files.createDirectories(Path.of("target"));
            dir = Files.createTempDirectory(Path.of("target"), "redis-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the Redis server's directory under target/", e);
        }
        for (int attempt = 1; ; attempt++) {
            RedisServer server = new RedisServer(dir, needsBusPort ? freePortWithBus() : freePort(), extraArgs);
            try {
                server.startProcess();
                return server;
            } catch (IllegalStateException e) {
                server.destroy();
                Runtime.getRuntime().removeShutdownHook(server.shutdownHook);
                // another process took the free port before redis-server bound it: pick another
                if (attempt < 3 && e.getMessage().contains("in use")) {
                    continue;
                }
                server.deleteDirectory();
                throw e;
            }
        }
    }

    /** The loopback address the server listens on. */
    public String host() {
        return "127.0.0.1";
    }

    /** The server's port, the same across {@link #kill} and {@link #restart}. */
    public int port() {
        return port;
    }

    /** Whether the server process is running. */
    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Kills the server with SIGKILL, as a crash would, and waits for the process to end. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(process);
        }
    }

    /** Starts the server again on the same port and directory, after {@link #kill}, and waits until it answers. */
    public void restart() {
        if (isRunning()) {
            throw new IllegalStateException("Redis on port " + port + " is still running; kill() it first");
        }
        startProcess();
    }

    /**
     * Sends one command over a fresh connection and returns Redis's reply line (such as {@code +PONG}), or the
     * whole text of a bulk-string reply (such as {@code CLUSTER INFO}'s).
     */
    public String command(String... words) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String w : words) {
                byte[] bytes = w.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(w).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String line = readLine(in);
            if (line.startsWith("$") && !line.equals("$-1")) {
                byte[] bulk = in.readNBytes(Integer.parseInt(line.substring(1)));
                return new String(bulk, StandardCharsets.UTF_8);
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("Redis on " + host() + ":" + port + " did not answer " + List.of(words), e);
        }
    }

    /** Stops the server (no process is left behind) and deletes its directory. */
    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs (or ran) anyway
        }
        deleteDirectory();
    }

    private void startProcess() {
        List<String> cmd = new ArrayList<>(List.of("redis-server",
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--dir", dir.toString(),
                "--appendonly", "yes",
                "--appendfsync", "always",
                "--save", "",
                "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
        cmd.addAll(extraArgs);
        try {
            Files.deleteIfExists(dir.resolve("redis.log")); // so a failure reports this start's log only
            process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server: " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT_NS;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited with "
                        + process.exitValue() + " at start: " + log());
            }
            try {
                if ("+PONG".equals(command("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet, or still loading its append-only file
            }
            if (System.nanoTime() - deadline > 0) {
                destroy();
                throw new IllegalStateException("redis-server on port " + port + " did not answer PING within 30 s: "
                        + log());
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private String log() {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("redis.out", "redis.log")) {
            try {
                Path file = dir.resolve(name);
                if (Files.exists(file)) {
                    text.append(Files.readString(file));
                }
            } catch (IOException e) {
                text.append("(cannot read ").append(name).append(": ").append(e.getMessage()).append(')');
            }
        }
        return text.toString();
    }

    private void destroy() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit(process);
        }
    }

    private static void waitForExit(Process p) {
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.length() == 0) {
            throw new IOException("connection closed without a reply");
        }
        return line.toString();
    }

    private static void requireInstalled() {
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dirName.isEmpty() && Files.isExecutable(Path.of(dirName, "redis-server"))) {
                return;
            }
        }
        throw new IllegalStateException("redis-server is not installed (not on PATH): the Redis tests need a real "
                + "server. Install the Debian package: apt-get install redis-server (.ci/run does this).");
    }

    /** A free loopback port below 55536 whose cluster bus port is free as well. */
    private static int freePortWithBus() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + CLUSTER_BUS_OFFSET <= 65535 && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free loopback port p with p + 10000 free as well, after 100 tries");
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }
}
