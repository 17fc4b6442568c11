package io.squall.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyJarsTest {

    @Test
    void theMergedJarHoldsTheTopologysEntriesFirstJoinsServicesAndDropsSignatures(@TempDir Path dir)
            throws IOException {
        Path topology = jar(dir.resolve("topology.jar"), "app.Main", Map.of(
                "app/Main.class", "topology's main",
                "shared/Util.class", "topology's util",
                "META-INF/services/x.Codec", "app.CodecA"));
        Path dep1 = jar(dir.resolve("dep1.jar"), "dep.Other", Map.of(
                "shared/Util.class", "dependency's util",
                "dep/Client.class", "client",
                "META-INF/services/x.Codec", "dep.CodecB",
                "META-INF/DEP.SF", "signature",
                "META-INF/DEP.RSA", "signature block"));
        Path dep2 = jar(dir.resolve("dep2.jar"), null, Map.of("more/Thing.class", "thing"));
        Path merged = dir.resolve("merged.jar");

        int shadowed = DependencyJars.merge(topology, List.of(dep1, dep2), merged);

        assertEquals(1, shadowed, "the dependency's shared/Util.class");
        try (JarFile j = new JarFile(merged.toFile())) {
            assertEquals("topology's util", read(j, "shared/Util.class"), "the topology JAR's class wins");
            assertEquals("topology's main", read(j, "app/Main.class"));
            assertEquals("client", read(j, "dep/Client.class"));
            assertEquals("thing", read(j, "more/Thing.class"));
            String services = read(j, "META-INF/services/x.Codec");
            assertTrue(services.contains("app.CodecA") && services.contains("dep.CodecB"), services);
            assertEquals("app.Main", j.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS),
                    "the topology JAR's manifest");
            List<String> names = new ArrayList<>();
            Collections.list(j.entries()).forEach(e -> names.add(e.getName()));
            assertFalse(names.contains("META-INF/DEP.SF") || names.contains("META-INF/DEP.RSA"), names.toString());
            assertEquals(names.size(), names.stream().distinct().count(), "no entry twice: " + names);
        }
    }

    @Test
    void aPathThatIsNotAFileIsNamed(@TempDir Path dir) throws IOException {
        Path ok = jar(dir.resolve("ok.jar"), null, Map.of("a.txt", "a"));
        assertEquals(List.of(ok), DependencyJars.parse(ok + ","));
        assertEquals(List.of(), DependencyJars.parse(null));
        Main.UsageException e = assertThrows(Main.UsageException.class,
                () -> DependencyJars.parse(ok + "," + dir.resolve("missing.jar")));
        assertTrue(e.getMessage().contains("'" + dir.resolve("missing.jar") + "' does not exist or is not a file"),
                e.getMessage());
        Path notAJar = Files.writeString(dir.resolve("notajar.jar"), "text");
        IOException bad = assertThrows(IOException.class,
                () -> DependencyJars.merge(ok, List.of(notAJar), dir.resolve("out.jar")));
        assertTrue(bad.getMessage().contains("cannot read the JAR " + notAJar), bad.getMessage());
    }

    private static Path jar(Path path, String mainClass, Map<String, String> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(path), manifest)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                j.putNextEntry(new ZipEntry(e.getKey()));
                j.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return path;
    }

    private static String read(JarFile j, String name) throws IOException {
        ZipEntry e = j.getEntry(name);
        assertTrue(e != null, name + " is missing");
        return new String(j.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
    }
}
