package io.squall.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * A Maven repository in a directory, in Maven's layout, for tests that resolve artifacts (as {@code --artifacts}
 * does) without a network: each artifact a JAR of the files given and a POM listing its dependencies.
 */
public final class MavenRepository {
    private final Path root;

    public MavenRepository(Path root) {
        this.root = root;
    }

    /** The repository's URL, for {@code --artifactRepositories name^URL}. */
    public String url() {
        return root.toUri().toString();
    }

    /**
     * Adds {@code group:artifact:version}: a JAR holding {@code files} (path to text) and a POM whose compile
     * dependencies are {@code dependencies} ({@code group:artifact:version} each).
     */
    public MavenRepository add(String coordinates, Map<String, String> files, String... dependencies) {
        String[] c = coordinates.split(":");
        Path dir = root.resolve(c[0].replace('.', '/')).resolve(c[1]).resolve(c[2]);
        String base = c[1] + "-" + c[2];
        StringBuilder pom = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modelVersion>4.0.0</modelVersion>\n"
                + "  <groupId>" + c[0] + "</groupId>\n  <artifactId>" + c[1] + "</artifactId>\n  <version>" + c[2]
                + "</version>\n  <dependencies>\n");
        for (String d : dependencies) {
            String[] dc = d.split(":");
            pom.append("    <dependency><groupId>").append(dc[0]).append("</groupId><artifactId>").append(dc[1])
                    .append("</artifactId><version>").append(dc[2]).append("</version></dependency>\n");
        }
        pom.append("  </dependencies>\n</project>\n");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(base + ".pom"), pom);
            try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(dir.resolve(base + ".jar")))) {
                for (Map.Entry<String, String> f : files.entrySet()) {
                    jar.putNextEntry(new ZipEntry(f.getKey()));
                    jar.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    jar.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + coordinates + " under " + root, e);
        }
        return this;
    }
}
