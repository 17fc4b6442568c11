package io.squall.multilang;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopologyResourcesTest {
    private static Path jar(Path dir, Map<String, String> entries) throws IOException {
        Path jar = dir.resolve("topology.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                if (e.getValue() != null) {
                    out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void extractsTheTopologyJarsResourcesOverThoseOfTheClassPath(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, Map.of("resources/", "", "resources/sub/split.py", "print('split')",
                "resources/storm.py", "# the topology's own storm.py", "io/x/Other.class", "not a resource"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            Path target = TopologyResources.extract(loader, dir.resolve("code").resolve("resources"));
            assertEquals("print('split')", Files.readString(target.resolve("sub/split.py")));
            assertEquals("# the topology's own storm.py", Files.readString(target.resolve("storm.py")));
            assertTrue(Files.readString(target.resolve("storm.js")).contains("BasicBolt"),
                    "squall-core's storm.js is there for scripts that need it");
            assertFalse(Files.exists(target.resolve("Other.class")));
            TopologyResources.delete(dir.resolve("code"));
            assertFalse(Files.exists(dir.resolve("code")));
        }
    }

    @Test
    void aJarEntryThatWouldLandOutsideTheDirectoryIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path jar = jar(dir, Map.of("resources/../../escaped.sh", "rm -rf /"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            IOException e = assertThrows(IOException.class,
                    () -> TopologyResources.extract(loader, dir.resolve("code").resolve("resources")));
            assertTrue(e.getMessage().contains("../../escaped.sh"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("escaped.sh")));
        }
    }
}
