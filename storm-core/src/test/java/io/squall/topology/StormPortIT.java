package io.squall.topology;

import io.squall.Await;
import io.squall.LocalCluster;
import org.junit.jupiter.api.Test;
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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's import-rewriting command turns a Storm topology into one that compiles and runs. */
class StormPortIT {
    @Test
    @Timeout(120)
    void readmeSedCommandPortsAStormTopology(@TempDir Path dir) throws Exception {
        String command = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("find . -name '*.java' -exec sed")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no import-rewriting command"));
        Path src = dir.resolve("ported");
        Files.createDirectories(src);
        try (InputStream in = getClass().getResourceAsStream("/storm-port/PortedTopology.java.txt")) {
            Files.write(src.resolve("PortedTopology.java"), in.readAllBytes());
        }
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sed failed: " + output);
        String ported = Files.readString(src.resolve("PortedTopology.java"));
        assertFalse(ported.contains("org.apache.storm"), ported);
        assertTrue(ported.contains("import io.squall.topology.StormTopology;"), ported);
        assertTrue(ported.contains("SquallSubmitter.submitTopology"), ported);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString(), src.resolve("PortedTopology.java").toString());
        assertEquals(0, rc, "ported topology does not compile:\n" + errors);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
             LocalCluster cluster = new LocalCluster()) {
            Class<?> k = loader.loadClass("ported.PortedTopology");
            StormTopology topology = (StormTopology) k.getMethod("build").invoke(null);
            AtomicInteger acked = (AtomicInteger) k.getField("ACKED").get(null);
            AtomicInteger exclaimed = (AtomicInteger) k.getField("EXCLAIMED").get(null);
            @SuppressWarnings("unchecked")
            Map<String, Object> conf = (Map<String, Object>) k.getMethod("config").invoke(null);
            cluster.submitTopology("ported", conf, topology, loader);
            assertEquals(4, topology.getComponent("exclaim2").getNumTasks(),
                    "addConfiguration(TOPOLOGY_TASKS, 4) is setNumTasks(4), as in Storm");
            Await.until(Duration.ofSeconds(30), () -> acked.get() == 100, () -> acked.get() + " of 100 acked");
            assertEquals(100, exclaimed.get(), "every word went through both bolts");
            assertEquals(10, ((AtomicInteger) k.getField("WINDOWS").get(null)).get(), "ten tumbling windows of ten");
            assertEquals(100, ((AtomicInteger) k.getField("WINDOWED").get(null)).get(), "each word in one window");
        }
    }
}
