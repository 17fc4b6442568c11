package io.squall.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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

    /**
     * Writes {@code out} with the classes of the package of {@code anchor} (not its sub-packages), wherever the
     * class was loaded from: a classes directory or a JAR (such as another module's test JAR).
     *
     * @return {@code out}
     */
    public static Path ofPackageOf(Class<?> anchor, Path out) throws IOException {
        Path source;
        try {
            source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("Cannot tell where " + anchor.getName() + " was loaded from", e);
        }
        if (Files.isDirectory(source)) {
            return ofPackage(source, anchor.getPackageName(), out);
        }
        String prefix = anchor.getPackageName().replace('.', '/') + "/";
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (JarFile in = new JarFile(source.toFile());
             JarOutputStream j = new JarOutputStream(Files.newOutputStream(out))) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0) {
                    j.putNextEntry(new JarEntry(name));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(j);
                    }
                    j.closeEntry();
                }
            }
        }
        return out;
    }
}
