package io.squall.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the files of a failed cluster test: with {@code @ExtendWith(ClusterEvidence.class)} on a test class, the
 * directory of every {@link ClusterLauncher} created in it (daemon logs under {@code daemons/}, worker logs under
 * {@code logs/}, whatever the test wrote there) is left under {@code target/} when a test fails, and a note suppressed
 * in the failure (printed with its stack trace) names it; when the tests pass it is deleted, as {@link ClusterLauncher#close} does without the extension.
 *
 * <p>A cluster made in {@code @BeforeAll} belongs to the class: it is kept if any test of the class fails, since its
 * logs tell what happened to that test. One made in a test or its {@code @BeforeEach} belongs to that test. The
 * launcher's {@code close} still kills every process at once; only the deletion waits for the verdict, which the
 * extension learns after the test (and its {@code @AfterEach}) ran.
 *
 * <p>With the system property {@value #KEEP_ALWAYS} set to {@code true} (with Maven: {@code -Dsquall.it.keep=true}),
 * the files of passing tests are kept too, to compare a slow run with a failing one.
 *
 * <p>Each scope lives in the store of its JUnit context and is removed, by identity, by the after-callback of that
 * context, whatever other extensions did (one whose before-callback threw leaves nothing to remove). A new cluster
 * goes to the innermost open scope: the running test's, else its class's. Tests that use it must
 * run one at a time (JUnit's default); the extension refuses a run with JUnit's parallel execution enabled.
 */
public final class ClusterEvidence implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    /** The clusters of one class or one test, and whether something in it failed. */
    private static final class Scope {
        final List<ClusterLauncher> clusters = new ArrayList<>();
        boolean failed;
    }

    /** The system property that keeps the files of passing tests too. */
    public static final String KEEP_ALWAYS = "squall.it.keep";

    private static final String PARALLEL = "junit.jupiter.execution.parallel.enabled";
    private static final String SCOPE = "scope";

    /**
     * The open scopes, innermost first, for {@link ClusterLauncher#create}, which has no JUnit context. Each is also
     * in its context's store, which is what the after-callbacks go by. Guarded by the class.
     */
    private static final Deque<Scope> OPEN = new ArrayDeque<>();

    /**
     * Puts a new cluster in the innermost open scope, if any.
     *
     * @return whether a scope took it (its files are then deleted or kept by the extension, not by its close)
     */
    static synchronized boolean adopt(ClusterLauncher cluster) {
        Scope s = OPEN.peekFirst();
        if (s == null) {
            return false;
        }
        s.clusters.add(cluster);
        return true;
    }

    /** The store of this context only: a store's lookups fall back to the parent's, so the namespace names it. */
    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getStore(Namespace.create(ClusterEvidence.class, context.getUniqueId()));
    }

    private static void open(ExtensionContext context) {
        if (context.getConfigurationParameter(PARALLEL).map(Boolean::parseBoolean).orElse(false)) {
            throw new ExtensionConfigurationException("ClusterEvidence cannot tell whose cluster a concurrently "
                    + "running test made: run " + context.getDisplayName() + " with " + PARALLEL + "=false (or "
                    + "without the extension)");
        }
        Scope scope = new Scope();
        store(context).put(SCOPE, scope);
        synchronized (ClusterEvidence.class) {
            OPEN.addFirst(scope);
        }
    }

    /** Removes the context's own scope, if it opened one, from the store and from the open scopes. */
    private static Scope close(ExtensionContext context) {
        Scope scope = store(context).remove(SCOPE, Scope.class);
        if (scope != null) {
            synchronized (ClusterEvidence.class) {
                OPEN.removeIf(s -> s == scope);
            }
        }
        return scope;
    }

    /**
     * Marks the scopes of the context and of its parents (a test's and its class's) failed; returns the directories
     * of their clusters, which are now kept.
     */
    private static List<Path> fail(ExtensionContext context) {
        List<Path> dirs = new ArrayList<>();
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Scope s = store(c).get(SCOPE, Scope.class);
            if (s != null) {
                synchronized (ClusterEvidence.class) {
                    s.failed = true;
                    for (ClusterLauncher cluster : s.clusters) {
                        dirs.add(cluster.base());
                    }
                }
            }
        }
        return dirs;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        // A failure none of the handlers below saw: one thrown by another extension's callback (its beforeEach, say).
        if (context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent()) {
            fail(context);
        }
        settle(close(context), context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getExecutionException().filter(e -> !(e instanceof TestAbortedException)).isPresent()) {
            fail(context);
        }
        settle(close(context), context);
    }

    /**
     * Kills what is left of the scope's clusters, all of them first, then deletes their files or, after a failure,
     * says where they are. One that cannot be killed or deleted does not stop the others: the errors are thrown
     * together at the end.
     */
    private static void settle(Scope scope, ExtensionContext context) {
        if (scope == null) {
            return;
        }
        List<ClusterLauncher> clusters;
        boolean failed;
        synchronized (ClusterEvidence.class) {
            clusters = List.copyOf(scope.clusters);
            failed = scope.failed;
        }
        RuntimeException error = null;
        for (ClusterLauncher c : clusters) {
            try {
                c.killAll(); // Already done by its close, unless the test never closed it.
            } catch (RuntimeException e) {
                error = collect(error, e);
            }
        }
        boolean keep = failed || Boolean.getBoolean(KEEP_ALWAYS);
        for (ClusterLauncher c : clusters) {
            if (keep) {
                System.err.println("[" + context.getDisplayName() + "] " + (failed ? "failed" : "passed")
                        + ": the files of its cluster are kept in " + c.base());
                continue;
            }
            try {
                c.deleteFiles();
            } catch (RuntimeException e) {
                error = collect(error, e);
            }
        }
        if (error != null) {
            throw error;
        }
    }

    private static RuntimeException collect(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw naming(context, failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(context, failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(context, failure);
    }

    /**
     * Marks the context's scopes failed and returns the failure itself, with a note of the kept directories
     * suppressed in it (printed with its stack trace), so its type, message and fields (an
     * {@code AssertionFailedError}'s expected and actual) stay as they were. An aborted test (a failed assumption) is
     * not a failure: it passes through untouched.
     */
    private static Throwable naming(ExtensionContext context, Throwable failure) {
        if (failure instanceof TestAbortedException) {
            return failure;
        }
        List<Path> dirs = fail(context);
        if (!dirs.isEmpty()) {
            failure.addSuppressed(new FilesKept(dirs));
        }
        return failure;
    }

    /** A note, not an error: where a failed test's cluster files are. */
    private static final class FilesKept extends Exception {
        FilesKept(List<Path> dirs) {
            super("The cluster's logs and files are kept in " + (dirs.size() == 1 ? dirs.get(0) : dirs)
                    + " (daemons/*.log, logs/worker-*.log)", null, false, false);
        }
    }
}
