package io.squall.submit.dependency;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.testsupport.MavenRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The resolver as {@code squall jar --artifacts} runs it, against a repository in a directory. */
class ArtifactResolverMainTest {
    /** Maven Central stands for an empty directory: the tests never leave the machine. */
    @BeforeAll
    static void noNetwork(@TempDir Path central) {
        System.setProperty(ArtifactResolver.CENTRAL_URL_PROPERTY, central.toUri().toString());
    }

    @AfterAll
    static void restore() {
        System.clearProperty(ArtifactResolver.CENTRAL_URL_PROPERTY);
    }

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ArtifactResolverMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static MavenRepository repository(Path dir) {
        return new MavenRepository(dir.resolve("remote"))
                .add("io.squall.test:app-lib:1.0", Map.of("app.txt", "app"), "io.squall.test:util:2.1",
                        "io.squall.test:noisy:0.3")
                .add("io.squall.test:util:2.1", Map.of("util.txt", "util"))
                .add("io.squall.test:noisy:0.3", Map.of("noisy.txt", "noisy"));
    }

    @Test
    void resolvesAnArtifactWithItsDependenciesLeavingOutTheExcluded(@TempDir Path dir) throws Exception {
        MavenRepository repo = repository(dir);
        Path local = dir.resolve("local");
        Run all = run("--artifacts", "io.squall.test:app-lib:1.0", "--artifactRepositories", "test^" + repo.url(),
                "--mavenLocalRepositoryDirectory", local.toString());
        assertEquals(0, all.code(), all.err());
        Map<String, String> paths = new ObjectMapper().readValue(all.out(), new TypeReference<>() { });
        assertEquals(List.of("io.squall.test:app-lib:jar:1.0", "io.squall.test:util:jar:2.1",
                "io.squall.test:noisy:jar:0.3"), List.copyOf(paths.keySet()), "the artifact first, then its own");
        for (String p : paths.values()) {
            assertTrue(Path.of(p).startsWith(local) && Files.isRegularFile(Path.of(p)), p);
        }

        Run excluded = run("--artifacts", "io.squall.test:app-lib:1.0^io.squall.test:noisy", "--artifactRepositories",
                "test^" + repo.url(), "--mavenLocalRepositoryDirectory", local.toString());
        assertEquals(0, excluded.code(), excluded.err());
        Map<String, String> kept = new ObjectMapper().readValue(excluded.out(), new TypeReference<>() { });
        assertEquals(List.of("io.squall.test:app-lib:jar:1.0", "io.squall.test:util:jar:2.1"),
                List.copyOf(kept.keySet()));
    }

    @Test
    void anArtifactNowhereToBeFoundIsNamedWithTheRepositoriesAsked(@TempDir Path dir) {
        MavenRepository repo = repository(dir);
        Run missing = run("--artifacts", "io.squall.test:absent:9.9", "--artifactRepositories", "test^" + repo.url(),
                "--mavenLocalRepositoryDirectory", dir.resolve("local").toString());
        assertEquals(ArtifactResolverMain.NOT_FOUND, missing.code(), missing.out());
        assertTrue(missing.err().contains("io.squall.test:absent") && missing.err().contains("test (" + repo.url()),
                missing.err());
        assertEquals("", missing.out());
    }

    @Test
    void badArgumentsAreClearErrors(@TempDir Path dir) throws Exception {
        Run noArtifacts = run("--artifactRepositories", "x^file:/tmp");
        assertEquals(ArtifactResolverMain.USAGE, noArtifacts.code());
        assertTrue(noArtifacts.err().contains("--artifacts is needed"), noArtifacts.err());

        Run badCoordinates = run("--artifacts", "just-a-name");
        assertEquals(ArtifactResolverMain.USAGE, badCoordinates.code());
        assertTrue(badCoordinates.err().contains("'just-a-name' is not an artifact: give group:artifact:version"),
                badCoordinates.err());

        Run badRepository = run("--artifacts", "a:b:1", "--artifactRepositories", "no-url-here");
        assertTrue(badRepository.err().contains("'no-url-here' is not a repository: give name^url"),
                badRepository.err());

        Run badExclusion = run("--artifacts", "a:b:1^");
        assertEquals(ArtifactResolverMain.USAGE, badExclusion.code(), badExclusion.err());
        assertTrue(badExclusion.err().contains("is not an exclusion: give ^group or ^group:artifact"),
                badExclusion.err());

        Path file = Files.writeString(dir.resolve("file"), "x");
        Run localIsAFile = run("--artifacts", "a:b:1", "--mavenLocalRepositoryDirectory", file.toString());
        assertEquals(ArtifactResolverMain.USAGE, localIsAFile.code());
        assertTrue(localIsAFile.err().contains("is a file, not a directory"), localIsAFile.err());

        Run badProxy = run("--artifacts", "a:b:1", "--proxyUrl", "::nonsense");
        assertTrue(badProxy.err().contains("The proxy URL '::nonsense' is not a URL"), badProxy.err());
    }
}
