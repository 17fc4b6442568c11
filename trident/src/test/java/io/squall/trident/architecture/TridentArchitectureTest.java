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
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of the README's code map for Trident, checked on its compiled classes. Trident's public
 * packages (Storm's {@code org.apache.storm.trident.*} as {@code io.squall.trident.*}, and {@code .plan}, the
 * planner's interface) reach the planner only through {@code io.squall.trident.plan.TridentPlan} and storm-core's
 * kernel only through {@code io.squall.runtime.api}; the internals ({@code .planner}: the compiler, the bolts and
 * their operations; {@code .coordinator}: the batch coordinator and its stores) may use both.
 *
 * <p>One package cycle remains among the public packages, {@link #PUBLIC_CYCLE}, and it is Storm's: Storm
 * 2.7.1's storm-client has these packages but {@code plan} in one cycle of 15 {@code org.apache.storm.trident}
 * packages (with its planner, graph and topology). Storm's signatures force its core:
 * {@code operation.Assembly.apply(Stream)} and {@code fluent.ChainedAggregatorDeclarer.chainEnd()} return a
 * {@code Stream}, while {@code Stream.each(Fields, Function, Fields)} and {@code Stream.chainedAgg()} name them;
 * {@code TridentTopology.newStream(String, IBatchSpout)} and {@code IBatchSpout.emitBatch(long, TridentCollector)}
 * bring in {@code spout}; {@code Stream.partitionPersist(StateFactory, StateUpdater)} and
 * {@code state.QueryFunction extends Operation} bring in {@code state}; {@code Stream.window(WindowConfig,
 * WindowsStoreFactory, ...)} brings in {@code windowing}, whose RocksDB store is a {@code state.map} map state.
 * {@code operation.builtin.MapGet} and {@code SnapshotGet} are query functions over {@code state.map} and
 * {@code state.snapshot} types, which extend {@code state}'s; {@code builtin}, {@code operation.impl} and
 * {@code drpc} join because {@code Stream.max/min}, {@code chainEnd()} and {@code TridentTopology.newDRPCStream}
 * build Storm's {@code Max}/{@code Min}, {@code ChainedAggregatorImpl} and {@code ReturnResultsReducer}, as Storm's
 * do. {@code plan} is Squall's: {@code Stream} builds its plan through {@code TridentPlan}, whose methods take the
 * operations, states and windows it is handed; any interface between {@code Stream} and the planner that names
 * them is in the cycle, wherever it lives. The internals ({@code planner}, {@code coordinator}) stay out of it, and
 * a package that joins it, or any other cycle, fails the build.
 *
 * <p>{@code plan.StreamAccess} is the public API's own accessor, not the engine's: it lets
 * {@code fluent.GroupedStream} (where Storm has it) build on a {@code Stream}'s plan without {@code Stream} making
 * that public. It names {@code Stream}, and {@code Stream} installs it, so it lives in {@code plan}, which is in the
 * cycle already, rather than in a package of its own that would join it; only the two stream packages may use it.
 */
class TridentArchitectureTest {
    static final List<String> PUBLIC = List.of("io.squall.trident", "io.squall.trident.operation..",
            "io.squall.trident.spout..", "io.squall.trident.state..", "io.squall.trident.testing..",
            "io.squall.trident.tuple..", "io.squall.trident.windowing..", "io.squall.trident.fluent..",
            "io.squall.trident.drpc..", "io.squall.trident.topology..", "io.squall.trident.plan..");
    /** The packages of the public API's one cycle (see above). */
    static final Set<String> PUBLIC_CYCLE = Set.of("io.squall.trident", "io.squall.trident.drpc",
            "io.squall.trident.fluent", "io.squall.trident.operation", "io.squall.trident.operation.builtin",
            "io.squall.trident.operation.impl", "io.squall.trident.plan", "io.squall.trident.spout",
            "io.squall.trident.state", "io.squall.trident.state.map", "io.squall.trident.state.snapshot",
            "io.squall.trident.windowing");
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
        List<List<String>> cycles = PackageCycles.of(packageGraph(TridentArchitectureTest::node));
        assertTrue(cycles.isEmpty(), () -> "package cycles: " + cycles);
    }

    @Test
    void theOnlyPackageCycleIsStormsOwnAndLeavesTheInternalsOut() {
        List<List<String>> cycles = PackageCycles.of(packageGraph(TridentArchitectureTest::packageOf));
        assertEquals(List.of(new ArrayList<>(new TreeSet<>(PUBLIC_CYCLE))), cycles,
                "a package joined the public API's cycle, or a new cycle formed: break it (see the code map)");
        assertTrue(PUBLIC_CYCLE.stream().noneMatch(p -> in(p + ".X", INTERNAL)));
    }

    private static final String ACCESSOR = "io.squall.trident.plan.StreamAccess";

    @Test
    void onlyTheStreamTypesUseTheApisInternalAccessor() {
        Set<String> users = new TreeSet<>();
        deps.forEach((c, targets) -> {
            if (!c.equals(ACCESSOR) && targets.contains(ACCESSOR)) {
                users.add(packageOf(c));
            }
        });
        assertEquals(Set.of("io.squall.trident", "io.squall.trident.fluent"), users);
    }

    /** Package-level edges between the Trident nodes {@code node} puts each class in. */
    private static Map<String, Set<String>> packageGraph(Function<String, String> node) {
        Map<String, Set<String>> edges = new TreeMap<>();
        deps.forEach((c, targets) -> {
            String from = node.apply(c);
            for (String t : targets) {
                if (!node.apply(t).equals(from)) {
                    edges.computeIfAbsent(from, k -> new TreeSet<>()).add(node.apply(t));
                }
            }
        });
        return edges;
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
