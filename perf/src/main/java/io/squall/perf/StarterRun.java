package io.squall.perf;

import io.squall.LocalCluster;
import io.squall.LocalDRPC;
import io.squall.SquallSubmitter;
import io.squall.runtime.api.ComponentCounts;
import io.squall.topology.ErrorInfo;
import io.squall.utils.DRPCClient;
import io.squall.utils.Utils;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one topology class's {@code main} in local mode for a bounded time, the way {@code bin/squall local} runs it
 * (a {@link LocalCluster} and a local DRPC stand in for the cluster), and prints a verdict: {@code RESULT pass} if
 * the main did not throw, it submitted a topology, no topology failed or reported an error and its components
 * emitted tuples; {@code RESULT fail: why} otherwise. The main has {@value #SUBMIT_SECS} s to submit a topology
 * (starting several in-process workers on a loaded machine is slow); the topologies then run for SECONDS, whether
 * or not the main has returned: unlike {@code bin/squall local} it does not wait for a main that keeps running (some
 * examples loop for minutes printing metrics). Used by {@code perf/storm-starter-check}.
 *
 * <p>usage: {@code StarterRun JAR CLASS SECONDS [ARGS...]} (ARGS go to main); exit status 0 on pass, 1 on fail, 2 on
 * a bad command line.
 */
public final class StarterRun {
    private static final long POLL_MILLIS = 200;
    private static final long SUBMIT_SECS = 120;

    private StarterRun() {
    }

    /** Runs the check; ends the JVM, since an example's main may still be running. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: StarterRun JAR CLASS SECONDS [ARGS...]");
            System.exit(2);
        }
        File jar = new File(args[0]);
        long seconds = Long.parseLong(args[2]);
        String verdict;
        try {
            verdict = run(jar, args[1], seconds, Arrays.copyOfRange(args, 3, args.length));
        } catch (ReflectiveOperationException | RuntimeException e) {
            verdict = "fail: " + e;
        }
        System.out.println("RESULT " + verdict);
        System.out.flush();
        System.exit(verdict.equals("pass") ? 0 : 1);
    }

    @SuppressWarnings("try") // drpcOverride acts by being open, as in bin/squall local
    private static String run(File jar, String className, long seconds, String[] mainArgs) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toURI().toURL()}, StarterRun.class.getClassLoader());
        Method main = loader.loadClass(className).getMethod("main", String[].class);
        if (!Modifier.isStatic(main.getModifiers())) {
            return "fail: " + className + ".main is not static";
        }
        AtomicReference<Throwable> mainFailure = new AtomicReference<>();
        CountDownLatch mainDone = new CountDownLatch(1);
        Map<String, Map<String, Long>> emitted = new TreeMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        try (LocalCluster cluster = new LocalCluster();
             LocalDRPC drpc = new LocalDRPC();
             DRPCClient.LocalOverride drpcOverride = new DRPCClient.LocalOverride(drpc)) {
            SquallSubmitter.setLocalOverride(cluster);
            // The -c options bin/squall local would apply to the topologies submitted (one a line).
            String options = System.getProperty(Utils.COMMAND_LINE_OPTIONS_PROPERTY, "");
            SquallSubmitter.setCommandLineOverrides(options.isBlank() ? List.of() : List.of(options.split("\n")));
            Thread.currentThread().setContextClassLoader(loader);
            Thread mainThread = new Thread(() -> {
                try {
                    main.invoke(null, (Object) mainArgs);
                } catch (InvocationTargetException e) {
                    mainFailure.set(e.getCause());
                } catch (ReflectiveOperationException | RuntimeException e) {
                    mainFailure.set(e);
                } finally {
                    mainDone.countDown();
                }
            }, "topology-main");
            mainThread.setContextClassLoader(loader);
            mainThread.setDaemon(true);
            mainThread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUBMIT_SECS);
            boolean running = false;
            while (System.nanoTime() < deadline && mainFailure.get() == null) {
                if (!running && !cluster.getTopologyNames().isEmpty()) {
                    running = true;
                    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                } else if (!running && mainDone.getCount() == 0) {
                    break; // it returned without submitting anything
                }
                mainDone.await(POLL_MILLIS, TimeUnit.MILLISECONDS);
                observe(cluster, emitted, problems);
                if (mainDone.getCount() == 0 && cluster.getTopologyNames().isEmpty() && !emitted.isEmpty()) {
                    break; // its main ran its topologies to the end and killed them
                }
            }
            observe(cluster, emitted, problems);
        } finally {
            SquallSubmitter.setLocalOverride(null);
            SquallSubmitter.setCommandLineOverrides(List.of());
        }
        return verdict(className, mainFailure.get(), mainDone.getCount() == 0, emitted, problems);
    }

    /** Records each running topology's emitted counts, its failure and the first error of each component. */
    private static void observe(LocalCluster cluster, Map<String, Map<String, Long>> emitted,
                                Map<String, String> problems) {
        for (String name : cluster.getTopologyNames()) {
            try {
                Throwable failure = cluster.getTopologyFailure(name);
                if (failure != null) {
                    problems.putIfAbsent(name, "topology " + name + " failed: " + failure.getMessage());
                    continue;
                }
                Map<String, Long> counts = new TreeMap<>();
                for (ComponentCounts c : cluster.getComponentStats(name).values()) {
                    counts.put(c.componentId(), c.emitted());
                }
                emitted.put(name, counts);
                for (Map.Entry<String, List<ErrorInfo>> e : cluster.getTopologyInfo(name).get_errors().entrySet()) {
                    if (!e.getValue().isEmpty()) {
                        problems.putIfAbsent(name + "/" + e.getKey(), "component " + e.getKey() + " of " + name
                                + " reported: " + firstLine(e.getValue().get(0).get_error()));
                    }
                }
            } catch (Exception killedMeanwhile) {
                // The topology ended between listing and reading it; what was read before stands.
            }
        }
    }

    private static String verdict(String className, Throwable mainFailure, boolean mainReturned,
                                  Map<String, Map<String, Long>> emitted, Map<String, String> problems) {
        for (Map.Entry<String, Map<String, Long>> t : emitted.entrySet()) {
            System.out.println("topology " + t.getKey() + " emitted " + t.getValue());
        }
        if (!mainReturned) {
            System.out.println("its main was still running at the end of the time bound");
        }
        if (mainFailure != null) {
            return "fail: " + className + ".main threw " + firstLine(mainFailure.toString());
        }
        if (!problems.isEmpty()) {
            return "fail: " + new ArrayList<>(problems.values()).get(0);
        }
        if (emitted.isEmpty()) {
            return "fail: " + className + ".main submitted no topology";
        }
        long total = emitted.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        return total > 0 ? "pass" : "fail: its topologies emitted no tuple";
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
