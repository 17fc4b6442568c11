package io.squall.multilang;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.topology.StormTopology;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's import-rewriting command ports a multilang topology written against Storm's packages. */
class MultilangPortIT {
    @Test
    @Timeout(120)
    void readmeSedCommandPortsAStormMultilangTopology(@TempDir Path dir) throws Exception {
        String command = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("find . -name '*.java' -exec sed")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no import-rewriting command"));
        Path src = dir.resolve("portedml");
        Files.createDirectories(src);
        try (InputStream in = getClass().getResourceAsStream("/storm-port/MultilangTopology.java.txt")) {
            Files.write(src.resolve("MultilangTopology.java"), in.readAllBytes());
        }
        Process p = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "sed failed: " + output);
        String ported = Files.readString(src.resolve("MultilangTopology.java"));
        assertFalse(ported.contains("org.apache.storm"), ported);
        assertTrue(ported.contains("import io.squall.task.ShellBolt;"), ported);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, errors, errors, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.resolve("classes").toString(), src.resolve("MultilangTopology.java").toString());
        assertEquals(0, rc, "ported topology does not compile:\n" + errors);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader());
             LocalCluster cluster = new LocalCluster()) {
            Class<?> k = loader.loadClass("portedml.MultilangTopology");
            StormTopology topology = (StormTopology) k.getMethod("build").invoke(null);
            @SuppressWarnings("unchecked")
            Map<String, Object> conf = (Map<String, Object>) k.getMethod("config").invoke(null);
            AtomicInteger acked = (AtomicInteger) k.getField("ACKED").get(null);
            AtomicInteger numbers = (AtomicInteger) k.getField("NUMBERS").get(null);
            cluster.submitTopology("ported-multilang", conf, topology, loader);
            Await.until(Duration.ofSeconds(60), () -> acked.get() == 30 && numbers.get() == 20,
                    () -> acked.get() + " of 30 sentences acked, " + numbers.get() + " of 20 numbers, errors "
                            + cluster.getErrors("ported-multilang", "split")
                            + cluster.getErrors("ported-multilang", "numbers"));
            String[] sentences = (String[]) k.getField("SENTENCES").get(null);
            Map<String, Integer> expected = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                for (String w : sentences[i % sentences.length].split(" ")) {
                    expected.merge(w, 1, Integer::sum);
                }
            }
            assertEquals(expected, k.getField("COUNTS").get(null));
        }
    }
}
