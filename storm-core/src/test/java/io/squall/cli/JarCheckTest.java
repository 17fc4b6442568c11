package io.squall.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JarCheckTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAJarIsReportedAsNotAJarByJarAndLocal() throws Exception {
        Path text = Files.writeString(dir.resolve("topology.jar"), "just text");
        for (String command : new String[] {"jar", "local"}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new String[] {command, text.toString(), "io.squall.topologies.WordCountTopology"},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(code != Main.OK, command + " exits with a failure");
            assertTrue(message.contains("is not a JAR"), command + ": " + message);
            assertFalse(message.contains("is not in"), command + ": " + message);
        }
    }

    @Test
    void aZipIsAJar() throws Exception {
        Path zip = dir.resolve("t.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("a.txt"));
            out.closeEntry();
        }
        assertTrue(Main.isJar(zip.toFile()));
        assertFalse(Main.isJar(dir.resolve("missing.jar").toFile()));
        assertEquals(false, Main.isJar(Files.writeString(dir.resolve("e.jar"), "").toFile()));
        Path empty = dir.resolve("empty.jar");
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(empty))) {
            out.flush();
        }
        assertTrue(Main.isJar(empty.toFile()), "a JAR with no entries is still a JAR");
    }
}
