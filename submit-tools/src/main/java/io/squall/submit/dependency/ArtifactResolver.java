package io.squall.submit.dependency;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.repository.Proxy;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.supplier.SessionBuilderSupplier;
import org.eclipse.aether.util.filter.DependencyFilterUtils;
import org.eclipse.aether.util.repository.AuthenticationBuilder;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves Maven artifacts, with their compile and runtime dependencies, into a local repository, as Storm's
 * {@code storm jar --artifacts} does: each artifact in Storm's syntax,
 * {@code group:artifact[:extension[:classifier]]:version}, followed by {@code ^group[:artifact]} for each dependency
 * to leave out; the repositories given ({@code name^url}) are asked first, then Maven Central.
 */
public final class ArtifactResolver implements AutoCloseable {
    /** Maven Central, always asked after the repositories given. */
    public static final String CENTRAL_URL = "https://repo.maven.apache.org/maven2/";
    /** A system property naming another URL for Maven Central: a mirror of it, as Maven's settings name one. */
    public static final String CENTRAL_URL_PROPERTY = "squall.maven.central.url";

    private final RepositorySystem system;
    private final RepositorySystemSession.CloseableSession session;
    private final List<RemoteRepository> repositories;

    /**
     * @param localRepository where artifacts are downloaded to and found again (made if missing)
     * @param repositories    the repositories to ask before Maven Central
     * @param proxy           the proxy for every repository, or null
     */
    public ArtifactResolver(Path localRepository, List<RemoteRepository> repositories, Proxy proxy) {
        this.system = new RepositorySystemSupplier().get();
        this.session = new SessionBuilderSupplier(system).get()
                .withLocalRepositoryBaseDirectories(localRepository)
                .build();
        List<RemoteRepository> all = new ArrayList<>(repositories);
        all.add(new RemoteRepository.Builder("central", "default",
                System.getProperty(CENTRAL_URL_PROPERTY, CENTRAL_URL)).build());
        this.repositories = all.stream().map(r -> proxy == null ? r
                : new RemoteRepository.Builder(r).setProxy(proxy).build()).toList();
    }

    /**
     * One artifact in Storm's syntax, with its exclusions.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static Dependency parseArtifact(String spec) {
        String[] parts = spec.trim().split("\\^", -1);
        Artifact artifact;
        try {
            artifact = new DefaultArtifact(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + spec.trim() + "' is not an artifact: give "
                    + "group:artifact:version (or group:artifact:extension[:classifier]:version), then ^group or "
                    + "^group:artifact for each dependency to leave out");
        }
        List<Exclusion> exclusions = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] e = parts[i].split(":");
            if (parts[i].isBlank() || e.length > 4) {
                throw new IllegalArgumentException("'" + parts[i] + "' in '" + spec.trim() + "' is not an "
                        + "exclusion: give ^group or ^group:artifact");
            }
            exclusions.add(new Exclusion(e[0], e.length > 1 ? e[1] : "*", e.length > 2 ? e[2] : "*",
                    e.length > 3 ? e[3] : "*"));
        }
        return new Dependency(artifact, "compile", false, exclusions);
    }

    /**
     * One repository in Storm's syntax, {@code name^url}.
     *
     * @throws IllegalArgumentException naming what is wrong with it
     */
    public static RemoteRepository parseRepository(String spec) {
        String[] parts = spec.trim().split("\\^", -1);
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalArgumentException("'" + spec.trim() + "' is not a repository: give name^url, such as "
                    + "jboss^https://repository.jboss.org/nexus/content/groups/public/");
        }
        try {
            URI uri = new URI(parts[1]);
            if (uri.getScheme() == null) {
                throw new URISyntaxException(parts[1], "no scheme");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The URL of repository '" + parts[0] + "', '" + parts[1]
                    + "', is not a URL (https://..., or file:/... for a directory)");
        }
        return new RemoteRepository.Builder(parts[0], "default", parts[1]).build();
    }

    /**
     * The proxy every repository is asked through.
     *
     * @throws IllegalArgumentException if the URL is not one
     */
    public static Proxy parseProxy(String url, String user, String password) {
        URL u;
        try {
            u = new URI(url).toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The proxy URL '" + url + "' is not a URL: give "
                    + "http://HOST:PORT");
        }
        int port = u.getPort() >= 0 ? u.getPort() : u.getDefaultPort();
        if (user != null && !user.isEmpty() && password != null && !password.isEmpty()) {
            return new Proxy(u.getProtocol(), u.getHost(), port,
                    new AuthenticationBuilder().addUsername(user).addPassword(password).build());
        }
        return new Proxy(u.getProtocol(), u.getHost(), port);
    }

    /**
     * The files of the artifacts and of their compile and runtime dependencies, by coordinates
     * ({@code group:artifact:extension[:classifier]:version}), each once, the artifacts given first.
     *
     * @throws ResolutionException naming what could not be found, and where it was looked for
     */
    public Map<String, Path> resolve(List<Dependency> artifacts) throws ResolutionException {
        Map<String, Path> out = new LinkedHashMap<>();
        if (artifacts.isEmpty()) {
            return out;
        }
        CollectRequest collect = new CollectRequest(artifacts, List.of(), repositories);
        DependencyRequest request = new DependencyRequest(collect,
                DependencyFilterUtils.classpathFilter("compile", "runtime"));
        List<ArtifactResult> results;
        try {
            results = system.resolveDependencies(session, request).getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new ResolutionException(describe(e));
        }
        for (ArtifactResult r : results) {
            Artifact a = r.getArtifact();
            out.put(coordinates(a), a.getPath());
        }
        return out;
    }

    /** What could not be resolved, and where it was looked for. */
    private String describe(DependencyResolutionException e) {
        List<String> missing = new ArrayList<>();
        if (e.getResult() != null) {
            for (ArtifactResult r : e.getResult().getArtifactResults()) {
                if (!r.isResolved()) {
                    missing.add(coordinates(r.getRequest().getArtifact()));
                }
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String where = String.join(", ", repositories.stream().map(r -> r.getId() + " (" + r.getUrl() + ")")
                .toList());
        return (missing.isEmpty() ? "Could not resolve the artifacts" : "Could not resolve " + missing) + ": "
                + root.getMessage() + "; looked in " + where + " (add a repository with --artifactRepositories "
                + "name^url, or check the coordinates)";
    }

    private static String coordinates(Artifact a) {
        return a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getExtension()
                + (a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier()) + ":" + a.getVersion();
    }

    @Override
    public void close() {
        session.close();
        system.shutdown();
    }

    /** Artifacts that could not be resolved. */
    public static final class ResolutionException extends Exception {
        private static final long serialVersionUID = 1L;

        public ResolutionException(String message) {
            super(message);
        }
    }
}
