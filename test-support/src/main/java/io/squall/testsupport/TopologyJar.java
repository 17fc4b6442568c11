package io.squall.testsupport;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds a topology JAR from compiled test classes, as {@code mvn package} would build a user's. */
public final class TopologyJar {
    private TopologyJar() {
    }

    /**
     * Writes {@code out} with the classes of {@code packageName} (not its sub-packages) found under
     * {@code classesDir} (usually {@code target/test-classes}).
     *
     * @return {@code out}
     */
    public static Path ofPackage(Path classesDir, String packageName, Path out) throws IOException {
        Path pkg = classesDir.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(pkg)) {
            throw new IOException("No compiled classes of " + packageName + " in " + classesDir.toAbsolutePath());
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(out));
             Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classesDir.relativize(f).toString().replace(File.separatorChar, '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        return out;
    }
}
