package io.squall.trident.architecture;

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
 * The package rules of the README's code map for Trident, checked on its compiled classes. Trident's public
 * packages (Storm's {@code org.apache.storm.trident.*} as {@code io.squall.trident.*}, and {@code .plan}, the
 * planner's interface) reach the planner only through {@code io.squall.trident.plan.TridentPlan} and storm-core's
 * kernel only through {@code io.squall.runtime.api}; the internals ({@code .planner}: the compiler, the bolts and
 * their operations; {@code .coordinator}: the batch coordinator and its stores) may use both. No package cycle,
 * counting the public packages as one: they refer to each other as Storm's do, and two of Storm's signatures
 * close a cycle among them ({@code operation.Assembly.apply(Stream)} returns a {@code Stream}, and
 * {@code fluent.ChainedAggregatorDeclarer.chainEnd()} too, while {@code Stream} takes both).
 */
class TridentArchitectureTest {
    static final List<String> PUBLIC = List.of("io.squall.trident", "io.squall.trident.operation..",
            "io.squall.trident.spout..", "io.squall.trident.state..", "io.squall.trident.testing..",
            "io.squall.trident.tuple..", "io.squall.trident.windowing..", "io.squall.trident.fluent..",
            "io.squall.trident.drpc..", "io.squall.trident.topology..", "io.squall.trident.plan..");
    static final List<String> INTERNAL = List.of("io.squall.trident.planner..", "io.squall.trident.coordinator..");
    /** storm-core below its kernel API: the kernel, and what sits above it (transport, cluster, daemons). */
    static final List<String> CORE_INTERNALS = List.of("io.squall.runtime", "io.squall.runtime.agent..",
            "io.squall.runtime.acker..", "io.squall.runtime.executor..", "io.squall.runtime.queue..",
            "io.squall.runtime.routing..", "io.squall.runtime.stats..", "io.squall.runtime.windowing..",
            "io.squall.messaging..", "io.squall.cluster..", "io.squall.daemon..", "io.squall.cli..",
            "io.squall.metrics..", "io.squall.serialization..");

    private static Map<String, Set<String>> deps;

    @BeforeAll
    static void readClasses() throws IOException {
        deps = ClassDependencies.of(Path.of("target", "classes"));
        assertTrue(deps.size() > 100, "Trident's classes are compiled: " + deps.size());
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

    private static List<String> violations(List<String> from, List<String> to) {
        List<String> out = new ArrayList<>();
        deps.forEach((c, targets) -> {
            if (in(c, from)) {
                targets.stream().filter(t -> in(t, to)).forEach(t -> out.add(c + " -> " + t));
            }
        });
        return out;
    }

    @Test
    void everyTridentPackageIsPublicOrInternal() {
        List<String> unplaced = deps.keySet().stream().filter(c -> c.startsWith("io.squall.trident"))
                .filter(c -> !in(c, PUBLIC) && !in(c, INTERNAL)).toList();
        assertEquals(List.of(), unplaced);
    }

    @Test
    void publicPackagesReachThePlannerOnlyThroughThePlanInterface() {
        assertEquals(List.of(), violations(PUBLIC, INTERNAL));
    }

    @Test
    void publicPackagesReachStormCoreOnlyThroughItsPublicApiAndKernelApi() {
        assertEquals(List.of(), violations(PUBLIC, CORE_INTERNALS));
    }

    @Test
    void noPackageCyclesCountingThePublicPackagesAsOne() {
        Map<String, Set<String>> edges = new TreeMap<>();
        deps.forEach((c, targets) -> {
            String from = node(c);
            for (String t : targets) {
                if (!node(t).equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(node(t));
                }
            }
        });
        List<List<String>> cycles = PackageCycles.of(edges);
        assertTrue(cycles.isEmpty(), () -> "package cycles: " + cycles);
    }

    private static String node(String className) {
        return in(className, PUBLIC) ? "trident public API" : packageOf(className);
    }

    @Test
    void seesThePlannersUseOfThePublicPackages() {
        assertTrue(deps.get("io.squall.trident.planner.GraphPlan").contains("io.squall.trident.plan.TridentPlan"));
        assertTrue(in("io.squall.trident.planner.Compiler", INTERNAL)
                && in("io.squall.trident.plan.TridentPlan", PUBLIC));
    }
}
