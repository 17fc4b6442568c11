package io.squall.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Keeps the files of a failed cluster test: with {@code @ExtendWith(ClusterEvidence.class)} on a test class, the
 * directory of every {@link ClusterLauncher} created in it (daemon logs under {@code daemons/}, worker logs under
 * {@code logs/}, whatever the test wrote there) is left under {@code target/} when a test fails, and the failure's
 * message names it; when the tests pass it is deleted, as {@link ClusterLauncher#close} does without the extension.
 *
 * <p>A cluster made in {@code @BeforeAll} belongs to the class: it is kept if any test of the class fails, since its
 * logs tell what happened to that test. One made in a test or its {@code @BeforeEach} belongs to that test. The
 * launcher's {@code close} still kills every process at once; only the deletion waits for the verdict, which the
 * extension learns after the test (and its {@code @AfterEach}) ran.
 *
 * <p>With the system property {@value #KEEP_ALWAYS} set to {@code true} (with Maven: {@code -Dsquall.it.keep=true}),
 * the files of passing tests are kept too, to compare a slow run with a failing one.
 *
 * <p>Tests of one JVM that use it run one at a time (JUnit's default): the open scopes are kept in one stack.
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

    /** The open scopes, innermost first. Guarded by the class. */
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

    private static synchronized void open() {
        OPEN.addFirst(new Scope());
    }

    private static synchronized Scope close() {
        return OPEN.removeFirst();
    }

    /** Marks every open scope failed; returns the directories of their clusters, which are now kept. */
    private static synchronized List<Path> failAll() {
        List<Path> dirs = new ArrayList<>();
        for (Scope s : OPEN) {
            s.failed = true;
            for (ClusterLauncher c : s.clusters) {
                dirs.add(c.base());
            }
        }
        return dirs;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        open();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            failAll(); // A failure no handler saw (one of an @AfterEach method of another extension).
        }
        settle(close(), context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            failAll();
        }
        settle(close(), context);
    }

    /** Kills what is left of the scope's clusters, then deletes their files or, after a failure, says where. */
    private static void settle(Scope scope, ExtensionContext context) {
        boolean keepAlways = Boolean.getBoolean(KEEP_ALWAYS);
        for (ClusterLauncher c : scope.clusters) {
            c.killAll(); // Already done by its close, unless the test never closed it.
            if (scope.failed || keepAlways) {
                System.err.println("[" + context.getDisplayName() + "] " + (scope.failed ? "failed" : "passed")
                        + ": the files of its cluster are kept in " + c.base());
            } else {
                c.deleteFiles();
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw naming(failAll(), failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(failAll(), failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(failAll(), failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(failAll(), failure);
    }

    @Override
    public void handleAfterAllMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw naming(failAll(), failure);
    }

    /**
     * The failure with the kept directories added to its message, as an {@link AssertionError} caused by it (its own
     * type, message and stack stay in the cause), or the failure itself when no cluster was made.
     */
    private static Throwable naming(List<Path> dirs, Throwable failure) {
        if (dirs.isEmpty()) {
            return failure;
        }
        String what = failure instanceof AssertionError ? String.valueOf(failure.getMessage()) : failure.toString();
        AssertionError named = new AssertionError(what + System.lineSeparator() + "The cluster's logs and files are "
                + "kept in " + (dirs.size() == 1 ? dirs.get(0) : dirs) + " (daemons/*.log, logs/worker-*.log)",
                failure);
        named.setStackTrace(failure.getStackTrace());
        return named;
    }
}
