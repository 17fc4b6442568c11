package io.squall.submit.dependency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Storm's dependency resolver as a program: {@code --artifacts} (required), {@code --artifactRepositories},
 * {@code --mavenLocalRepositoryDirectory}, {@code --proxyUrl}, {@code --proxyUsername}, {@code --proxyPassword}, as
 * {@code storm jar} takes them. Prints on one line of standard output a JSON object of the files resolved by
 * coordinates; what went wrong goes to standard error. Exit codes: 0 resolved, 1 not found, 2 bad arguments. The
 * local repository is the one given, else {@code ~/.m2/repository} if it exists, else {@code local-repo} under
 * {@code squall.home} (or the working directory). The system property {@code squall.maven.central.url} names a
 * mirror to use for Maven Central.
 */
public final class ArtifactResolverMain {
    static final int OK = 0;
    static final int NOT_FOUND = 1;
    static final int USAGE = 2;

    private ArtifactResolverMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options = new Options();
        for (String name : List.of("artifacts", "artifactRepositories", "mavenLocalRepositoryDirectory", "proxyUrl",
                "proxyUsername", "proxyPassword")) {
            options.addOption(Option.builder().longOpt(name).hasArg().build());
        }
        List<Dependency> artifacts = new ArrayList<>();
        List<RemoteRepository> repositories = new ArrayList<>();
        Proxy proxy = null;
        Path local;
        try {
            CommandLine line = new DefaultParser().parse(options, args);
            if (!line.hasOption("artifacts")) {
                throw new IllegalArgumentException("--artifacts is needed: the artifacts to resolve, separated by "
                        + "commas");
            }
            for (String a : line.getOptionValue("artifacts").split(",")) {
                if (!a.isBlank()) {
                    artifacts.add(ArtifactResolver.parseArtifact(a));
                }
            }
            String repos = line.getOptionValue("artifactRepositories", "");
            for (String r : repos.split(",")) {
                if (!r.isBlank()) {
                    repositories.add(ArtifactResolver.parseRepository(r));
                }
            }
            if (line.hasOption("proxyUrl")) {
                proxy = ArtifactResolver.parseProxy(line.getOptionValue("proxyUrl"),
                        line.getOptionValue("proxyUsername"), line.getOptionValue("proxyPassword"));
            }
            local = localRepository(line.getOptionValue("mavenLocalRepositoryDirectory"));
        } catch (ParseException | IllegalArgumentException e) {
            err.println("--artifacts: " + e.getMessage());
            return USAGE;
        }
        try {
            Files.createDirectories(local);
        } catch (IOException e) {
            err.println("--mavenLocalRepositoryDirectory: cannot make '" + local + "': " + e.getMessage());
            return USAGE;
        }
        try (ArtifactResolver resolver = new ArtifactResolver(local, repositories, proxy)) {
            Map<String, String> paths = new LinkedHashMap<>();
            resolver.resolve(artifacts).forEach((k, v) -> paths.put(k, v.toAbsolutePath().toString()));
            out.println(new ObjectMapper().writeValueAsString(paths));
            out.flush();
            return OK;
        } catch (ArtifactResolver.ResolutionException e) {
            err.println("--artifacts: " + e.getMessage());
            return NOT_FOUND;
        } catch (IOException e) {
            err.println("--artifacts: " + e);
            return NOT_FOUND;
        }
    }

    /** The local repository, as Storm picks it. */
    static Path localRepository(String given) {
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new IllegalArgumentException("--mavenLocalRepositoryDirectory '" + given + "' is a file, not "
                        + "a directory");
            }
            return p.toAbsolutePath();
        }
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        if (Files.isDirectory(m2)) {
            return m2;
        }
        String home = System.getProperty("squall.home");
        return Path.of(home != null ? home : ".", "local-repo").toAbsolutePath();
    }
}
