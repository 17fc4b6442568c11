package io.squall.compat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Topologies written against Storm's packages (test resources under {@code compat/}), rewritten with the
 * README's sed command, compiled with javax.tools and run in local mode: one per group of Storm's API,
 * each with its exact expected result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CompatIT {
    private static final String[] SOURCES = {"GroupingsCompat", "LambdasCompat", "BoltsCompat", "TestingCompat",
        "MetricsCompat", "HooksCompat", "ClusterInfoCompat", "UtilsCompat", "WindowingCompat", "ConfigCompat",
        "SimulatedTimeCompat"};

    private Path dir;
    private URLClassLoader loader;

    @BeforeAll
    void portAndCompile(@TempDir Path tempDir) throws Exception {
        this.dir = tempDir;
        String command = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("find . -name '*.java' -exec sed")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no import-rewriting command"));
        Path src = dir.resolve("compat");
        Files.createDirectories(src);
        List<String> files = new ArrayList<>();
        for (String name : SOURCES) {
            try (InputStream in = getClass().getResourceAsStream("/compat/" + name + ".java.txt")) {
                Path file = src.resolve(name + ".java");
                Files.write(file, in.readAllBytes());
                files.add(file.toString());
            }
        }
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sed failed: " + output);
        for (String f : files) {
            String ported = Files.readString(Path.of(f));
            assertFalse(ported.contains("org.apache.storm"), f + " still names Storm's packages");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString()));
        args.addAll(files);
        int rc = javac.run(null, errors, errors, args.toArray(new String[0]));
        assertEquals(0, rc, "ported compat topologies do not compile:\n" + errors);
        loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()}, getClass().getClassLoader());
    }

    private String run(String name) throws Exception {
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return (String) loader.loadClass("compat." + name).getMethod("run").invoke(null);
        } finally {
            Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        }
    }

    @Test
    @Timeout(60)
    void groupings() throws Exception {
        assertEquals("counts {cold=20, hot=40}, hot on 2 tasks, cold on at most 2: true, n-grouping copies 120 on 2 tasks,"
                + " load-aware 60, least loaded 60, told the loads before choosing: true", run("GroupingsCompat"));
    }

    @Test
    @Timeout(60)
    void lambdas() throws Exception {
        assertEquals("sum of doubles 9900 over 100 tuples", run("LambdasCompat"));
    }

    @Test
    @Timeout(60)
    void bolts() throws Exception {
        assertEquals("[[1, ann, ink, dhl], [1, ann, pen, dhl], [2, bob, cup, null]]; processed 5, ticks seen true",
                run("BoltsCompat"));
    }

    @Test
    @Timeout(60)
    void testing() throws Exception {
        assertEquals("spout true; counter true; global [[1], [2], [3], [4]]; tracked acked true; "
                + "testTuple default [field1, field2]", run("TestingCompat"));
    }

    @Test
    @Timeout(60)
    void metrics() throws Exception {
        assertEquals("counted 50, means reported true, argument my-arg", run("MetricsCompat"));
    }

    @Test
    @Timeout(60)
    void hooks() throws Exception {
        // The bolt's 10 emits and, as Storm's hooks see its acker tuples, the 10 acks on __ack_ack.
        assertEquals("bolt executes 10, bolt emits 20, bolt acks 10, auto hooks prepared 3; worker started 1, "
                + "stopped 0; after close stopped 1", run("HooksCompat"));
    }

    @Test
    @Timeout(90)
    void clusterInfo() throws Exception {
        // Executors of feeder and count (1, then 2 after the rebalance); no acker executor, the spout tracks its trees.
        assertEquals("counts {count=20, feeder=20}; topologies 1 info ACTIVE executors 2; rebalance REBALANCING; "
                + "after rebalance ACTIVE executors 3; "
                + "after kill 0", run("ClusterInfoCompat"));
    }

    @Test
    void utils() throws Exception {
        assertEquals("expired [a], kept 1, timeout 30, tick 5, system id true, x+y", run("UtilsCompat"));
    }

    @Test
    @Timeout(60)
    void windowing() throws Exception {
        assertEquals("windows [[1, 2]], late [4@3000]", run("WindowingCompat"));
    }

    @Test
    @Timeout(60)
    void config() throws Exception {
        assertEquals("running ACTIVE", run("ConfigCompat"));
    }

    @Test
    @Timeout(60)
    void simulatedTime() throws Exception {
        assertEquals("ticks at [10000, 20000]; failed at 29 s false; at 45 s true; simulating after false; "
                + "builder true at 90000; then false", run("SimulatedTimeCompat"));
    }
}
