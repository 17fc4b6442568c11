package io.squall.trident.architecture;

import io.squall.testsupport.architecture.AllowedCycles;
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
 * <p>One package cycle remains among the public packages, {@link #PUBLIC_CYCLE}, each package listed with the
 * signature that keeps it in; it is Storm's: Storm 2.7.1's storm-client has these packages but {@code plan} in one
 * cycle of 15 {@code org.apache.storm.trident} packages (with its planner, graph and topology). The internals
 * ({@code planner}, {@code coordinator}) and {@code drpc} (whose {@code ReturnResultsReducer} the planner adds when
 * it completes a DRPC stream) stay out of it; a package that joins it, or any other cycle, fails the build with the
 * class edges that close it.
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
            "io.squall.trident.drpc..", "io.squall.trident.topology..", "io.squall.trident.plan..",
            "io.squall.trident.util..");
    /** The packages of the public API's one cycle, each with the signature that keeps it in. */
    static final Map<String, String> PUBLIC_CYCLE = Map.ofEntries(
            Map.entry("io.squall.trident", "Stream.each(Fields, operation.Function, Fields), Stream.groupBy(Fields) "
                    + "returns a fluent.GroupedStream, TridentTopology.newStream(String, spout.IBatchSpout), "
                    + "Stream.partitionPersist(state.StateFactory, state.StateUpdater), Stream.window(WindowConfig, "
                    + "WindowsStoreFactory, ...)"),
            Map.entry("io.squall.trident.operation", "Assembly.apply(Stream) returns a Stream"),
            Map.entry("io.squall.trident.fluent", "GroupedStream.toStream() and ChainedAggregatorDeclarer.chainEnd() "
                    + "return a Stream"),
            Map.entry("io.squall.trident.spout", "IBatchSpout.emitBatch(long, operation.TridentCollector)"),
            Map.entry("io.squall.trident.state", "QueryFunction extends operation.Operation, "
                    + "StateUpdater.updateState(S, List, TridentCollector)"),
            Map.entry("io.squall.trident.state.map", "MapState extends state.State, builtin.MapGet queries a "
                    + "ReadOnlyMapState; windowing.RocksDbWindowsStoreFactory keeps windows in a RocksDbMapState"),
            Map.entry("io.squall.trident.state.snapshot", "Snapshottable extends state.State, builtin.SnapshotGet "
                    + "queries a ReadOnlySnapshottable"),
            Map.entry("io.squall.trident.windowing", "Stream.window(WindowConfig, WindowsStoreFactory, ...); "
                    + "RocksDbWindowsStoreFactory stores in a state.map.RocksDbMapState"),
            Map.entry("io.squall.trident.operation.builtin", "FirstN implements Assembly (apply(Stream)); "
                    + "Stream.maxBy/minBy build Storm's Max and Min, as Storm's Stream does"),
            Map.entry("io.squall.trident.operation.impl", "ChainedAggregatorImpl implements Aggregator; "
                    + "ChainedAggregatorDeclarer.chainEnd() builds it, as Storm's does"),
            Map.entry("io.squall.trident.plan", "TridentPlan takes the operations, states and windows Stream is handed "
                    + "(each(PlanNode, Fields, Function, Fields)), and StreamAccess names Stream, which installs it"));
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
        assertEquals(List.of(), new AllowedCycles(Map.of("Trident public API", PUBLIC_CYCLE.keySet())).check(deps),
                "break the edge that closes it (see the code map in README.md); a package that left the cycle "
                        + "comes off the list");
        assertTrue(PUBLIC_CYCLE.keySet().stream().noneMatch(p -> in(p + ".X", INTERNAL)));
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
