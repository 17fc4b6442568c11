package io.squall.architecture;

import io.squall.testsupport.architecture.ClassDependencies;
import io.squall.testsupport.architecture.PackageCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of the README's code map, checked on storm-core's compiled classes: the public API reaches
 * the kernel only through {@code io.squall.runtime.api}, the kernel never reaches up into the daemons,
 * transport or reporting, and no package cycle exists outside the public API.
 *
 * <p>Two kinds of cycle remain in the raw packages, both forced by public signatures. Inside the public API,
 * Storm's own: {@code tuple.Tuple.getSourceGlobalStreamId()} returns a {@code topology.GlobalStreamId} while the
 * bolts of {@code topology} execute {@code tuple.Tuple}s, a bolt's {@code prepare} takes a
 * {@code task.TopologyContext} that describes the {@code topology.StormTopology}, and so on; so the public
 * packages count as one node. And through the {@link #SIGNATURES} edges: five public methods of
 * {@code LocalCluster} and {@code NimbusClient}, kept as they were, name metrics types, whose packages read the
 * kernel, which implements the public API. The cycle check leaves out exactly those edges.
 */
class ArchitectureTest {
    /**
     * Storm's user-facing packages (org.apache.storm.X as io.squall.X) and the kernel's API; a trailing ".."
     * includes subpackages. {@code security}, like Storm's, holds what clients use too (credentials, TLS files,
     * signatures) and reads only {@code config}.
     */
    static final List<String> PUBLIC = List.of("io.squall", "io.squall.topology..", "io.squall.tuple..",
            "io.squall.spout..", "io.squall.task..", "io.squall.grouping..", "io.squall.windowing..",
            "io.squall.utils..", "io.squall.testing..", "io.squall.config..", "io.squall.bolt..",
            "io.squall.coordination..", "io.squall.drpc..", "io.squall.hooks..", "io.squall.lambda..",
            "io.squall.metric..", "io.squall.multilang..", "io.squall.state..", "io.squall.security..",
            "io.squall.runtime.api..");
    /** The kernel: executors as agents, queues, acker, routing, windowing engine. */
    static final List<String> KERNEL = List.of("io.squall.runtime", "io.squall.runtime.agent..",
            "io.squall.runtime.acker..", "io.squall.runtime.executor..", "io.squall.runtime.queue..",
            "io.squall.runtime.routing..", "io.squall.runtime.stats..", "io.squall.runtime.tap..",
            "io.squall.runtime.windowing..", "io.squall.runtime.eventtime..", "io.squall.runtime.state..");
    /** What sits above the kernel: transport, cluster state, daemons, CLI, reporting. */
    static final List<String> ABOVE_KERNEL = List.of("io.squall.messaging..", "io.squall.cluster..",
            "io.squall.daemon..", "io.squall.cli..", "io.squall.metrics.aggregate..", "io.squall.metrics.report..",
            "io.squall.metrics.builtin..");
    /**
     * The only references from the public API to reporting types, each forced by a public method kept as it was:
     * {@code LocalCluster.getMetricsCollector()}, {@code getWorkerMetrics(name)} and {@code getReporters(name)}
     * return the metrics objects the dashboard and tests read, and {@code NimbusClient.reportMetrics},
     * {@code getSnapshots} and {@code getTopologyMetrics} carry workers' snapshots and aggregated metrics. The
     * classes only name these types: what runs a local topology comes from {@code runtime.api.LocalRuntime} and
     * what NimbusClient cannot do over HTTP from {@code runtime.api.ClusterClientSupport}. These edges are the
     * one package cycle left in storm-core besides the public API's own (public API -> metrics.* -> public API),
     * and no other may join them.
     */
    static final Map<String, Set<String>> SIGNATURES = Map.of(
            "io.squall.LocalCluster", Set.of("io.squall.metrics.aggregate.MetricsCollector",
                    "io.squall.metrics.builtin.WorkerMetrics", "io.squall.metrics.report.Reporters"),
            "io.squall.utils.NimbusClient", Set.of("io.squall.metrics.builtin.Snapshots",
                    "io.squall.metrics.aggregate.TopologyMetrics"));

    private static Map<String, Set<String>> deps;

    @BeforeAll
    static void readClasses() throws IOException {
        deps = ClassDependencies.of(Path.of("target", "classes"));
        assertTrue(deps.size() > 150, "storm-core's classes are compiled: " + deps.size());
    }

    static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? "" : className.substring(0, dot);
    }

    static boolean in(String className, List<String> patterns) {
        String pkg = packageOf(className);
        for (String p : patterns) {
            if (p.endsWith("..") ? pkg.equals(p.substring(0, p.length() - 2))
                    || pkg.startsWith(p.substring(0, p.length() - 1)) : pkg.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> violations(List<String> from, List<String> to, Map<String, Set<String>> except) {
        List<String> out = new ArrayList<>();
        deps.forEach((c, targets) -> {
            if (in(c, from)) {
                targets.stream().filter(t -> in(t, to) && !allowed(c, t, except)).forEach(t -> out.add(c + " -> " + t));
            }
        });
        return out;
    }

    private static boolean allowed(String from, String to, Map<String, Set<String>> except) {
        return except.getOrDefault(from, Set.of()).contains(to);
    }

    @Test
    void publicPackagesReachTheKernelOnlyThroughItsApi() {
        assertEquals(List.of(), violations(PUBLIC, KERNEL, Map.of()));
    }

    @Test
    void publicPackagesDoNotReachAboveTheKernel() {
        assertEquals(List.of(), violations(PUBLIC, ABOVE_KERNEL, SIGNATURES));
    }


    @Test
    void theKernelApiDependsOnPublicTypesOnly() {
        List<String> api = List.of("io.squall.runtime.api..");
        assertEquals(List.of(), violations(api, KERNEL, Map.of()));
        assertEquals(List.of(), violations(api, ABOVE_KERNEL, Map.of()));
    }

    @Test
    void theKernelDoesNotReachUpIntoTransportDaemonsOrReporting() {
        assertEquals(List.of(), violations(KERNEL, ABOVE_KERNEL, Map.of()));
    }

    @Test
    void noPackageCyclesOutsideThePublicApi() {
        Map<String, Set<String>> edges = new TreeMap<>();
        deps.forEach((c, targets) -> {
            String from = node(c);
            for (String t : targets) {
                if (!node(t).equals(from) && !allowed(c, t, SIGNATURES)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(node(t));
                }
            }
        });
        List<List<String>> cycles = PackageCycles.of(edges);
        assertTrue(cycles.isEmpty(), () -> "package cycles: " + cycles);
    }

    /** The public packages count as one node; every other package is a node of its own. */
    private static String node(String className) {
        return in(className, PUBLIC) ? "public API" : packageOf(className);
    }

    @Test
    void findsACycleAndAWrongWayImportWhenThereIsOne() {
        assertEquals(List.of(List.of("a", "b", "c")),
                PackageCycles.of(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"))));
        assertTrue(in("io.squall.runtime.Worker", KERNEL) && !in("io.squall.runtime.api.Kernel", KERNEL));
        assertTrue(deps.get("io.squall.runtime.Worker").contains("io.squall.runtime.executor.Executor"),
                "the reader sees class references");
        assertTrue(deps.get("io.squall.runtime.executor.Executor").contains("io.squall.runtime.executor.ExecutorContext"),
                "and types in descriptors");
    }
}
