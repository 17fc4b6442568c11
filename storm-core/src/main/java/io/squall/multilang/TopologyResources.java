package io.squall.multilang;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Extracts the {@code resources/} folder of a topology's code (its JAR, or directories on the class path in
 * development) into the worker's code directory, where shell components' scripts run, as Storm does. Squall's own
 * {@code storm.py} and {@code storm.js} are in squall-core's {@code resources/}, so every topology gets them; a
 * topology's own copies, extracted later, take their place.
 */
public final class TopologyResources {
    private static final String PREFIX = "resources/";

    private TopologyResources() {
    }

    /**
     * Copies every {@code resources/} folder {@code loader} sees into {@code target}: those of the parent class
     * loaders first, then those of the loader's own JARs, so that the topology's files win.
     *
     * @return {@code target}
     * @throws IOException if a folder cannot be read or {@code target} written
     */
    public static Path extract(ClassLoader loader, Path target) throws IOException {
        Files.createDirectories(target);
        List<URL> folders = Collections.list(loader.getResources("resources"));
        for (URL url : folders) {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection c = (JarURLConnection) url.openConnection();
                c.setUseCaches(false);
                extractJar(jarPath(c.getJarFileURL()), target);
            } else if ("file".equals(url.getProtocol())) {
                copyTree(toPath(url), target);
            }
        }
        if (loader instanceof URLClassLoader own) {
            for (URL url : own.getURLs()) {
                if ("file".equals(url.getProtocol()) && url.getPath().endsWith(".jar")) {
                    extractJar(toPath(url), target);
                }
            }
        }
        return target;
    }

    /** Deletes a directory tree made by {@link #extract}; missing is fine. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Path jarPath(URL jarFileUrl) throws IOException {
        return toPath(jarFileUrl);
    }

    private static Path toPath(URL url) throws IOException {
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot read resources from " + url + ": " + e.getMessage(), e);
        }
    }

    private static void extractJar(Path jarFile, Path target) throws IOException {
        try (JarFile jar = new JarFile(jarFile.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.getName().startsWith(PREFIX) || e.getName().length() == PREFIX.length()) {
                    continue;
                }
                Path out = inside(target, e.getName().substring(PREFIX.length()), jarFile);
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            walk.forEach(paths::add);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path p : paths) {
            Path out = inside(target, source.relativize(p).toString(), source);
            if (Files.isDirectory(p)) {
                Files.createDirectories(out);
            } else {
                Files.createDirectories(out.getParent());
                Files.copy(p, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** {@code target/relative}, refusing names that would land outside {@code target} (such as {@code ../x}). */
    private static Path inside(Path target, String relative, Path from) throws IOException {
        Path out = target.resolve(relative).normalize();
        if (!out.startsWith(target.normalize())) {
            throw new IOException("resources entry '" + relative + "' in " + from + " points outside the resources "
                    + "directory; rename it");
        }
        return out;
    }
}
