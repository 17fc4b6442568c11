package io.squall.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Storm's {@code --artifacts} of {@code jar} and {@code local}: Maven artifacts a topology needs, resolved with their
 * dependencies when it is submitted and then shipped as the {@code --jars} are. The resolving runs in a JVM of its
 * own, from squall-submit-tools (as Storm's storm-submit-tools), so Maven's resolver never joins the submitting
 * program's class path; its messages go to the command's error output.
 */
final class Artifacts {
    /** The options, as Storm names them. */
    static final Set<String> OPTIONS = Set.of("--artifacts", "--artifactRepositories",
            "--mavenLocalRepositoryDirectory", "--proxyUrl", "--proxyUsername", "--proxyPassword");
    /** The class path of squall-submit-tools, when not under {@code squall.home}. */
    static final String CLASSPATH_PROPERTY = "squall.submit.tools.classpath";
    private static final String MAIN = "io.squall.submit.dependency.ArtifactResolverMain";
    /** A mirror of Maven Central to resolve from instead (squall-submit-tools' property, passed on). */
    static final String CENTRAL_URL_PROPERTY = "squall.maven.central.url";

    private Artifacts() {
    }

    /**
     * The JARs of the {@code --artifacts} and of their dependencies, the artifacts first; none without it.
     *
     * @throws Main.UsageException when they cannot be resolved or squall-submit-tools is not built, saying why
     */
    static List<Path> resolve(CommandLine line, PrintStream err) throws IOException, InterruptedException {
        if (line.option("--artifacts") == null) {
            for (String o : OPTIONS) {
                if (line.option(o) != null) {
                    throw new Main.UsageException(o + " is for --artifacts, which is not given");
                }
            }
            return List.of();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classpath()));
        for (String property : List.of(CENTRAL_URL_PROPERTY, "squall.home")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.add(MAIN);
        for (String o : OPTIONS) {
            if (line.option(o) != null) {
                command.add(o);
                command.add(line.option(o));
            }
        }
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> text(p.getErrorStream()));
        String out = text(p.getInputStream());
        int code = p.waitFor();
        String messages = errors.join().strip();
        if (code != 0) {
            throw new Main.UsageException(messages.isEmpty() ? "--artifacts: resolving failed (exit code " + code
                    + ")" : messages);
        }
        if (!messages.isEmpty()) {
            err.println(messages);
        }
        Map<String, String> resolved = new ObjectMapper().readValue(out, new TypeReference<>() { });
        List<Path> jars = new ArrayList<>();
        resolved.forEach((coordinates, path) -> {
            if (path.endsWith(".jar")) {
                jars.add(Path.of(path));
            }
        });
        err.println("Resolved " + resolved.size() + " artifacts for --artifacts " + line.option("--artifacts")
                + ": " + String.join(", ", resolved.keySet()));
        return jars;
    }

    /** squall-submit-tools and its libraries, from the property or as the build leaves them under squall.home. */
    private static String classpath() throws IOException {
        String given = System.getProperty(CLASSPATH_PROPERTY);
        if (given != null && !given.isBlank()) {
            return given;
        }
        Path target = Path.of(System.getProperty("squall.home", "."), "submit-tools", "target");
        Path jar = null;
        if (Files.isDirectory(target)) {
            try (Stream<Path> files = Files.list(target)) {
                jar = files.filter(f -> f.getFileName().toString().matches("squall-submit-tools-.*\\.jar")
                        && !f.getFileName().toString().endsWith("-sources.jar")).findFirst().orElse(null);
            }
        }
        if (jar == null || !Files.isDirectory(target.resolve("lib"))) {
            throw new Main.UsageException("--artifacts needs squall-submit-tools, which is not built under "
                    + target.getParent() + ": run mvn -q -DskipTests package -pl submit-tools (or give the resolved "
                    + "JARs with --jars)");
        }
        return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
    }

    private static String text(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
