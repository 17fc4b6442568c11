package io.squall.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.testsupport.MavenRepository;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/squall local} end to end in this JVM: its {@code -c} options reach the topology's config, the
 * dashboard counts what the topology runs, and killing the topology from the dashboard ends the command cleanly.
 * The topology's class comes from the test classpath (the JAR given is empty).
 */
@Timeout(60)
class LocalCommandIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The config the spout was opened with, and the name main was given. */
    static final Map<String, Object> SEEN = new HashMap<>();
    static volatile String submittedAs;

    /** A spout that records the topology config it is opened with. */
    public static class RecordingSpout extends TestWordSpout {
        private static final long serialVersionUID = 1L;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            synchronized (SEEN) {
                SEEN.putAll(conf);
            }
            super.open(conf, context, collector);
        }
    }

    /** A bolt that takes every word. */
    public static class Sink extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The topology's main, as a user writes it: the name is its first argument. */
    public static final class App {
        private App() {
        }

        public static void main(String[] args) {
            TopologyBuilder b = new TopologyBuilder();
            b.setSpout("words", new RecordingSpout(), 1);
            b.setBolt("sink", new Sink(), 2).setNumTasks(3).shuffleGrouping("words");
            submittedAs = args.length > 0 ? args[0] : "local-app";
            SquallSubmitter.submitTopology(submittedAs, Map.of("topology.message.timeout.secs", 40),
                    b.createTopology());
        }
    }

    /** What {@link WithDependency}'s main read from the resource a --jars JAR holds. */
    static volatile String readFromDependency;

    /** A main that needs a resource of a JAR given with --jars, then submits the topology. */
    public static final class WithDependency {
        private WithDependency() {
        }

        public static void main(String[] args) throws Exception {
            try (java.io.InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream("extra/marker.txt")) {
                readFromDependency = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            App.main(args);
        }
    }

    /** Collects what the command prints, readable from another thread. */
    private static final class Output extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public synchronized String toString() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theJarsOfJarsAreOnMainsClasspathAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.flush();
        }
        Path extra = dir.resolve("extra.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(extra))) {
            j.putNextEntry(new java.util.zip.ZipEntry("extra/marker.txt"));
            j.write("shipped".getBytes(StandardCharsets.UTF_8));
            j.closeEntry();
        }
        Output out = new Output();
        Output err = new Output();
        readFromDependency = null;
        int code = Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(), "deps",
            "--jars", extra.toString(), "--local-ttl", "1"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Main.OK, code, err.toString());
        assertEquals("shipped", readFromDependency);
        assertEquals("deps", submittedAs, "--jars and its value are not main's arguments");

        Output err2 = new Output();
        int missing = Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(), "--jars",
            extra + "," + dir.resolve("nope.jar")}, new PrintStream(new Output(), true, StandardCharsets.UTF_8),
                new PrintStream(err2, true, StandardCharsets.UTF_8));
        assertTrue(missing != Main.OK, err2.toString());
        assertTrue(err2.toString().contains("--jars: '" + dir.resolve("nope.jar") + "' does not exist or is not a "
                + "file"), err2.toString());
    }

    @Test
    void artifactsAreResolvedWithTheirDependenciesAndShippedAsJars(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.flush();
        }
        // The marker is in a dependency of the artifact asked for, found only in the test's repository.
        MavenRepository repo = new MavenRepository(dir.resolve("repo"))
                .add("io.squall.test:client:1.0", Map.of("client.txt", "client"), "io.squall.test:marker:2.0")
                .add("io.squall.test:marker:2.0", Map.of("extra/marker.txt", "resolved"));
        Path tools = Path.of("..", "submit-tools", "target").toAbsolutePath().normalize();
        Path toolsJar;
        try (java.util.stream.Stream<Path> files = Files.list(tools)) {
            toolsJar = files.filter(f -> f.getFileName().toString().matches("squall-submit-tools-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new AssertionError("squall-submit-tools is built first"));
        }
        System.setProperty("squall.submit.tools.classpath", toolsJar + java.io.File.pathSeparator
                + tools.resolve("lib") + java.io.File.separator + "*");
        System.setProperty("squall.maven.central.url", Files.createDirectories(dir.resolve("central")).toUri()
                .toString());                       // no network: Central is an empty directory here
        try {
            Output err = new Output();
            readFromDependency = null;
            int code = Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(), "deps",
                "--artifacts", "io.squall.test:client:1.0", "--artifactRepositories", "test^" + repo.url(),
                "--mavenLocalRepositoryDirectory", dir.resolve("local").toString(), "--local-ttl", "1"},
                    new PrintStream(new Output(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(Main.OK, code, err.toString());
            assertEquals("resolved", readFromDependency, "a dependency of the artifact is on main's class path");
            assertTrue(err.toString().contains("Resolved 2 artifacts for --artifacts io.squall.test:client:1.0: "
                    + "io.squall.test:client:jar:1.0, io.squall.test:marker:jar:2.0"), err.toString());

            readFromDependency = null;
            Output excluded = new Output();
            assertEquals(Main.OK, Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(),
                "--artifacts", "io.squall.test:client:1.0^io.squall.test:marker", "--artifactRepositories",
                "test^" + repo.url(), "--mavenLocalRepositoryDirectory", dir.resolve("local").toString(),
                "--local-ttl", "1"}, new PrintStream(new Output(), true, StandardCharsets.UTF_8),
                    new PrintStream(excluded, true, StandardCharsets.UTF_8)), excluded.toString());
            assertEquals(null, readFromDependency, "the dependency left out with ^");

            Output missing = new Output();
            int notFound = Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(),
                "--artifacts", "io.squall.test:nowhere:1.0", "--artifactRepositories", "test^" + repo.url(),
                "--mavenLocalRepositoryDirectory", dir.resolve("local").toString()},
                    new PrintStream(new Output(), true, StandardCharsets.UTF_8),
                    new PrintStream(missing, true, StandardCharsets.UTF_8));
            assertTrue(notFound != Main.OK, missing.toString());
            assertTrue(missing.toString().contains("Could not resolve [io.squall.test:nowhere:jar:1.0]"),
                    missing.toString());

            Output stray = new Output();
            assertTrue(Main.run(new String[] {"local", jar.toString(), WithDependency.class.getName(),
                "--artifactRepositories", "test^" + repo.url()}, new PrintStream(new Output(), true,
                    StandardCharsets.UTF_8), new PrintStream(stray, true, StandardCharsets.UTF_8)) != Main.OK);
            assertTrue(stray.toString().contains("--artifactRepositories is for --artifacts, which is not given"),
                    stray.toString());
        } finally {
            System.clearProperty("squall.submit.tools.classpath");
            System.clearProperty("squall.maven.central.url");
        }
    }

    @Test
    void optionsReachTheTopologyAndAKillFromTheDashboardEndsTheCommandCleanly(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("empty.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.flush();
        }
        Output out = new Output();
        Output err = new Output();
        AtomicInteger code = new AtomicInteger(-1);
        Thread command = new Thread(() -> code.set(Main.run(new String[] {"local", jar.toString(),
            App.class.getName(), "-c", "topology.message.timeout.secs=7", "wc", "--ui", "0", "--local-ttl", "50",
            "-c", "wordcount.min=3"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))), "squall-local");
        command.start();
        Await.until(Duration.ofSeconds(30), () -> out.toString().contains("Running [wc]"),
                () -> "the topology to run: " + out + err);
        assertEquals("wc", submittedAs, "main got its own argument, not -c");
        Await.until(Duration.ofSeconds(10), () -> {
            synchronized (SEEN) {
                return SEEN.containsKey("wordcount.min");
            }
        }, () -> "the spout to open");
        synchronized (SEEN) {
            // Whole numbers as Storm's components get them: Longs.
            assertEquals(7L, SEEN.get("topology.message.timeout.secs"), "-c overrides what main set");
            assertEquals(3L, SEEN.get("wordcount.min"), "a key only the topology knows reaches it too");
        }
        assertTrue(err.toString().contains("'wordcount.min' is not a Squall config key"), err.toString());

        Matcher m = Pattern.compile("Dashboard: (http://[0-9.]+:[0-9]+/)").matcher(out.toString());
        assertTrue(m.find(), out.toString());
        String api = m.group(1) + "api/v1/";
        HttpClient http = HttpClient.newHttpClient();
        JsonNode summary = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(api + "cluster/summary")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        JsonNode wc = summary.get("topologyList").get(0);
        assertEquals(1 + 2, wc.get("executors").asInt(), "the components' executors, as the worker logs them");
        assertEquals(1 + 3, wc.get("tasks").asInt());
        assertEquals(1, summary.get("supervisorList").size(), summary::toString);

        HttpResponse<String> kill = http.send(HttpRequest.newBuilder(URI.create(api + "topologies/wc/kill"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, kill.statusCode(), kill.body());
        command.join(Duration.ofSeconds(20).toMillis());
        assertFalse(command.isAlive(), "squall local still runs after the kill");
        assertEquals(Main.OK, code.get(), err.toString());
        assertTrue(out.toString().contains("Topology wc was killed (from the dashboard) before its time ran out"),
                out.toString());
        assertFalse(err.toString().contains("NotAliveException"), err.toString());
    }
}
