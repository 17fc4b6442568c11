package io.squall.trident;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Trident topology written against Storm's packages ({@code storm-port/TridentPortedTopology.java.txt}), ported
 * with the README's import-rewriting command and compiled into a directory of its own.
 */
final class PortedSource {
    /** The ported topology's class name. */
    static final String TOPOLOGY = "ported.trident.TridentPortedTopology";

    private PortedSource() {
    }

    /** Ports and compiles the topology under {@code dir}; returns a loader of its classes the caller closes. */
    static URLClassLoader compile(Path dir) throws Exception {
        String command = Files.readAllLines(Path.of("..", "README.md")).stream()
                .filter(l -> l.startsWith("find . -name '*.java' -exec sed")).findFirst()
                .orElseThrow(() -> new AssertionError("README has no import-rewriting command"));
        Path src = dir.resolve("ported");
        Files.createDirectories(src);
        try (InputStream in = PortedSource.class.getResourceAsStream("/storm-port/TridentPortedTopology.java.txt")) {
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
        return new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                PortedSource.class.getClassLoader());
    }
}
