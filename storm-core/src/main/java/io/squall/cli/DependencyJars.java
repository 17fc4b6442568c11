package io.squall.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * Storm's {@code --jars a.jar,b.jar} of {@code jar} and {@code local}: JARs a topology needs that its own JAR does
 * not hold (a connector, a client library). They go on the classpath of the program that submits the topology and,
 * for a cluster, into the JAR uploaded to Nimbus, so its workers load them too: the topology JAR's entries first,
 * then each dependency's entries not seen before, in the order given (the first of two same-named classes wins, as
 * on a classpath). Service files ({@code META-INF/services/*}) are joined, since each JAR may register its own
 * implementations; JAR signatures are left out, since they do not sign the merged JAR.
 */
final class DependencyJars {
    private static final String SERVICES = "META-INF/services/";

    private DependencyJars() {
    }

    /**
     * The JARs of a {@code --jars} value (comma-separated paths); none when null.
     *
     * @throws Main.UsageException naming a path that is not a file
     */
    static List<Path> parse(String option) {
        List<Path> jars = new ArrayList<>();
        if (option == null) {
            return jars;
        }
        for (String p : option.split(",")) {
            if (p.isBlank()) {
                continue;
            }
            Path jar = Path.of(p.trim());
            if (!Files.isRegularFile(jar)) {
                throw new Main.UsageException("--jars: '" + p.trim() + "' does not exist or is not a file; give "
                        + "the paths of the JARs to ship with the topology, separated by commas");
            }
            jars.add(jar);
        }
        return jars;
    }

    /** The URLs of the topology JAR and its dependencies, for the class loader of the submitting program. */
    static URL[] classpath(Path topologyJar, List<Path> dependencies) throws MalformedURLException {
        URL[] urls = new URL[dependencies.size() + 1];
        urls[0] = topologyJar.toUri().toURL();
        for (int i = 0; i < dependencies.size(); i++) {
            urls[i + 1] = dependencies.get(i).toUri().toURL();
        }
        return urls;
    }

    /**
     * Writes to {@code out} a JAR of {@code topologyJar}'s entries and the dependencies' (see the class comment);
     * returns how many entries of the dependencies were left out as already present.
     *
     * @throws IOException naming the JAR that cannot be read
     */
    static int merge(Path topologyJar, List<Path> dependencies, Path out) throws IOException {
        Set<String> written = new HashSet<>();
        Map<String, ByteArrayOutputStream> services = new LinkedHashMap<>();
        int shadowed = 0;
        try (OutputStream file = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(file)) {
            List<Path> all = new ArrayList<>();
            all.add(topologyJar);
            all.addAll(dependencies);
            for (int i = 0; i < all.size(); i++) {
                Path source = all.get(i);
                boolean dependency = i > 0;
                try (JarFile in = new JarFile(source.toFile())) {
                    for (JarEntry e : Collections.list(in.entries())) {
                        String name = e.getName();
                        if (isSignature(name) || dependency && name.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                            continue;
                        }
                        if (name.startsWith(SERVICES) && !e.isDirectory()) {
                            ByteArrayOutputStream joined = services.computeIfAbsent(name,
                                    k -> new ByteArrayOutputStream());
                            try (InputStream data = in.getInputStream(e)) {
                                data.transferTo(joined);
                            }
                            joined.write('\n');
                            continue;
                        }
                        if (!written.add(name)) {
                            if (!e.isDirectory()) {
                                shadowed++;
                            }
                            continue;
                        }
                        jar.putNextEntry(new ZipEntry(name));
                        try (InputStream data = in.getInputStream(e)) {
                            data.transferTo(jar);
                        }
                        jar.closeEntry();
                    }
                } catch (IOException e) {
                    throw new IOException("cannot read " + (dependency ? "the JAR " : "the topology JAR ") + source
                            + " to ship it with the topology: " + e.getMessage(), e);
                }
            }
            for (Map.Entry<String, ByteArrayOutputStream> s : services.entrySet()) {
                jar.putNextEntry(new ZipEntry(s.getKey()));
                s.getValue().writeTo(jar);
                jar.closeEntry();
            }
        }
        return shadowed;
    }

    private static boolean isSignature(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC"));
    }
}
