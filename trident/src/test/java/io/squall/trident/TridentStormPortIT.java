package io.squall.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.topology.StormTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Trident topology with its own transactional spout, written against Storm's interfaces and packages, compiles
 * after the README's import-rewriting command and counts exactly once through failed batches.
 */
class TridentStormPortIT {
    @Test
    @Timeout(120)
    void aStormTransactionalSpoutPortsAndCountsExactlyOnce(@TempDir Path dir) throws Exception {
        String command = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("find . -name '*.java' -exec sed")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no import-rewriting command"));
        Path src = dir.resolve("ported");
        Files.createDirectories(src);
        try (InputStream in = getClass().getResourceAsStream("/storm-port/TridentPortedTopology.java.txt")) {
            Files.write(src.resolve("TridentPortedTopology.java"), in.readAllBytes());
        }
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sed failed: " + output);
        String ported = Files.readString(src.resolve("TridentPortedTopology.java"));
        assertFalse(ported.contains("org.apache.storm"), ported);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString(), src.resolve("TridentPortedTopology.java").toString());
        assertEquals(0, rc, "ported topology does not compile:\n" + errors);

        Config conf = Run.conf();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
             LocalCluster cluster = new LocalCluster()) {
            Class<?> k = loader.loadClass("ported.trident.TridentPortedTopology");
            StormTopology topology = (StormTopology) k.getMethod("build").invoke(null);
            Method count = k.getMethod("count", String.class);
            AtomicInteger failures = (AtomicInteger) k.getField("FAILURES").get(null);
            cluster.submitTopology("ported-trident", conf, topology, loader);
            Await.until(Duration.ofSeconds(60), () -> total(count) == 60, () -> "60 words counted, got "
                    + total(count));
            for (int w = 0; w < 5; w++) {
                assertEquals(12L, count.invoke(null, "w" + w), "w" + w + " counted once per occurrence");
            }
            assertTrue(failures.get() >= 3, "batches failed on the way: " + failures.get());
        }
    }

    private static long total(Method count) {
        long sum = 0;
        try {
            for (int w = 0; w < 5; w++) {
                sum += (Long) count.invoke(null, "w" + w);
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
        return sum;
    }
}
