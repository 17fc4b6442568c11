package io.squall.kafka.dev;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka (KRaft: one process that is both broker and controller) run as a child JVM from the Kafka
 * server jars in a directory, on loopback ports, with its data under a directory of its own. For tests and
 * {@code bin/squall dev-kafka}; not for production. It can be stopped and started again on the same port and
 * data, as a broker restart. The owner's thread calls {@link #start} and {@link #stop}; the child is also killed
 * when this JVM exits.
 */
public final class LocalKafkaBroker implements AutoCloseable {
    /**
     * A starting broker that logs nothing for this long and does not answer has failed. On a loaded machine a start
     * takes minutes (seen: more than 90 s), and that is not a failure as long as the broker keeps logging its
     * progress.
     */
    private static final long SILENCE_TIMEOUT_MS = 90_000;
    /** The longest a start may take, however busy its log. */
    private static final long START_TIMEOUT_MS = 600_000;

    private final Path serverLib;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final Map<String, String> overrides;
    private final String heap;
    private final List<String> jvmOptions;
    private Process process;
    private Thread killOnExit;

    /**
     * @param serverLib a directory holding the Kafka server's jars ({@code kafka_2.13} and its dependencies)
     * @param dataDir   where the broker keeps its logs and metadata; created if missing, kept across restarts
     * @param port      the client port on 127.0.0.1, or 0 to pick a free one
     * @param overrides broker properties that replace the defaults (see {@link #properties})
     * @param heap      the child's maximum heap, e.g. {@code "512m"}
     * @param jvmOptions more options of the child JVM
     */
    public LocalKafkaBroker(Path serverLib, Path dataDir, int port, Map<String, String> overrides, String heap,
                            List<String> jvmOptions) {
        if (!Files.isDirectory(serverLib)) {
            throw new IllegalArgumentException("No Kafka server jars at " + serverLib + ": build the Kafka module "
                    + "(mvn -pl external/kafka -am package) so that its target/kafka-server-lib exists");
        }
        this.serverLib = serverLib;
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port != 0 ? port : freePort();
        this.controllerPort = freePort();
        this.overrides = Map.copyOf(overrides);
        this.heap = heap;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** {@code host:port} for clients' {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Whether the child process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Formats the data directory if it is new, starts the broker and waits until it answers.
     *
     * @throws IllegalStateException if it does not start, with the end of its log
     */
    public synchronized LocalKafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path props = dataDir.resolve("server.properties");
            writeProperties(props);
            Path logback = dataDir.resolve("logback.xml");
            Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
            Path log = dataDir.resolve("broker.log");
            process = java(logback, KafkaMain.class.getName(), props.toString(), Uuid.randomUuid().toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Process p = process;
            killOnExit = new Thread(p::destroyForcibly, "kill-kafka-" + port);
            Runtime.getRuntime().addShutdownHook(killOnExit);
            awaitReady(log);
            return this;
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Kafka could not start in " + dataDir, e);
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while Kafka was starting", e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        StartClock clock = new StartClock(log);
        // A plain connect first: an admin client retrying against a closed port fills the log.
        while (!accepts()) {
            checkAlive(log, clock);
            Thread.sleep(200);
        }
        Map<String, Object> conf = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(conf)) {
            while (true) {
                checkAlive(log, clock);
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not up yet
                }
            }
        }
    }

    private boolean accepts() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void checkAlive(Path log, StartClock clock) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka exited with code " + process.exitValue() + " while starting on "
                    + "port " + port + ":\n" + tail(log));
        }
        String late = clock.late();
        if (late != null) {
            throw new IllegalStateException("Kafka did not answer on port " + port + ": " + late + ":\n" + tail(log));
        }
    }

    /** Tells when a start has taken too long: its log silent for {@link #SILENCE_TIMEOUT_MS}, or in all. */
    private static final class StartClock {
        private final Path log;
        private final long startNanos = System.nanoTime();
        private long lastGrowthNanos = startNanos;
        private long logSize = -1;

        StartClock(Path log) {
            this.log = log;
        }

        /** Why the start is late now, or null if it is not. */
        String late() {
            long now = System.nanoTime();
            long size = log.toFile().length();
            if (size != logSize) {
                logSize = size;
                lastGrowthNanos = now;
            }
            if (now - startNanos > TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS)) {
                return "not started within " + START_TIMEOUT_MS / 1000 + " s";
            }
            if (now - lastGrowthNanos > TimeUnit.MILLISECONDS.toNanos(SILENCE_TIMEOUT_MS)) {
                return "nothing logged for " + SILENCE_TIMEOUT_MS / 1000 + " s";
            }
            return null;
        }
    }

    /** Waits until the broker's process ends; returns its exit code. */
    public int awaitExit() throws InterruptedException {
        Process p;
        synchronized (this) {
            p = process;
        }
        return p == null ? 0 : p.waitFor();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s); its data stays for a later {@link #start}. */
    public synchronized void stop() {
        stop(false);
    }

    /** Kills the broker at once (SIGKILL), as a crash; its data stays. */
    public synchronized void kill() {
        stop(true);
    }

    private void stop(boolean hard) {
        if (process == null) {
            return;
        }
        if (hard) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting; the hook runs anyway
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The broker's properties: the defaults for one node on loopback, then the overrides. */
    public Properties properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", dataDir.resolve("logs").toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "false");
        p.putAll(overrides);
        Properties props = new Properties();
        props.putAll(p);
        return props;
    }

    private void writeProperties(Path file) throws IOException {
        StringBuilder sb = new StringBuilder("# Written by Squall's LocalKafkaBroker on each start.\n");
        properties().forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    }

    private ProcessBuilder java(Path logback, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx" + heap);
        cmd.addAll(jvmOptions);
        cmd.add("-Dlogback.configurationFile=" + logback);
        cmd.add("-Dlog4j2.level=WARN");
        cmd.add("-cp");
        cmd.add(ownCode() + File.pathSeparator + serverLib.toAbsolutePath() + File.separator + "*");
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dataDir.toFile());
    }

    /** Where this class was loaded from (a jar, or a classes directory): the child needs {@link KafkaMain}. */
    private static String ownCode() {
        try {
            return Path.of(KafkaMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot tell where the Squall Kafka classes were loaded from", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on loopback", e);
        }
    }

    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <logger name="kafka.server.BrokerServer" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;
}
