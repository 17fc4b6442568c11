package io.squall.architecture;

import io.squall.testsupport.architecture.ClassDependencies;
import io.squall.testsupport.architecture.PackageCycles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of the README's code map, checked on storm-core's compiled classes: the public API reaches
 * the kernel only through {@code io.squall.runtime.api}, the kernel never reaches up into the daemons,
 * transport or reporting, and no package cycle exists besides the public API's own.
 *
 * <p>That one is forced by Storm's signatures, which the public packages keep (with Storm's {@code generated}
 * types in {@code topology}, as the import rules port them): {@code tuple.Tuple.getSourceGlobalStreamId()} returns
 * a {@code topology.GlobalStreamId} while {@code topology.IRichBolt.execute} takes a {@code tuple.Tuple};
 * {@code topology.IRichBolt.prepare} takes a {@code task.TopologyContext} whose {@code getRawTopology()} returns a
 * {@code topology.StormTopology}; {@code ILocalCluster.submitTopology} takes a {@code StormTopology} and
 * {@code testing.TestJob.run} an {@code ILocalCluster}; {@code spout.ISpout}, {@code hooks.ITaskHook},
 * {@code metric.api.IMetricsConsumer}, {@code state.StateProvider}, {@code coordination.IBatchBolt},
 * {@code grouping.CustomStreamGrouping} and {@code multilang.ISerializer} take a {@code TopologyContext} that
 * registers hooks, metrics and state, and {@code windowing.TupleWindow} holds {@code Tuple}s. Storm 2.7.1's
 * storm-client has every one of these packages in one cycle of its own (61 packages). Two members are Squall's, and
 * Storm's signatures keep them in: {@code testing}, because {@code Testing.withLocalCluster(TestJob)} names a
 * {@code testing} type while {@code testing.TestJob.run} takes an {@code ILocalCluster} (Storm ships those in
 * storm-server; its storm-client and storm-server together have {@code testing} in their cycle too), and
 * {@code runtime.api}, the kernel's interface, which names the public types it runs ({@code StormTopology},
 * {@code IRichBolt}, {@code Clock}) and which {@code LocalCluster}, {@code NimbusClient} and the windowed and
 * stateful bolt executors call (out of the cycle it could only go by moving it into Storm's packages).
 * {@link #PUBLIC_CYCLE} lists the cycle's packages: a package that joins it, or any other cycle, fails the build;
 * the metrics, kernel, transport and daemons stay out of it, and so do the Squall packages of
 * {@link #OUT_OF_PUBLIC_CYCLE}.
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
            "io.squall.streams..", "io.squall.runtime.api..", "io.squall.errors..", "io.squall.blobstore..");
    /** The kernel: executors as agents, queues, acker, routing, windowing engine. */
    static final List<String> KERNEL = List.of("io.squall.runtime", "io.squall.runtime.agent..",
            "io.squall.runtime.acker..", "io.squall.runtime.executor..", "io.squall.runtime.queue..",
            "io.squall.runtime.routing..", "io.squall.runtime.stats..", "io.squall.runtime.tap..",
            "io.squall.runtime.windowing..", "io.squall.runtime.eventtime..", "io.squall.runtime.state..");
    /** What sits above the kernel: transport, cluster state, daemons, CLI, reporting. */
    static final List<String> ABOVE_KERNEL = List.of("io.squall.messaging..", "io.squall.cluster..",
            "io.squall.daemon..", "io.squall.cli..", "io.squall.metrics.aggregate..", "io.squall.metrics.report..",
            "io.squall.metrics.builtin..");
    /** The packages of the public API's own cycle, forced by Storm's signatures (see above). */
    static final Set<String> PUBLIC_CYCLE = Set.of("io.squall", "io.squall.blobstore", "io.squall.coordination",
            "io.squall.grouping",
            "io.squall.hooks", "io.squall.hooks.info", "io.squall.lambda", "io.squall.metric", "io.squall.metric.api",
            "io.squall.multilang", "io.squall.runtime.api", "io.squall.spout", "io.squall.state", "io.squall.task",
            "io.squall.testing", "io.squall.topology", "io.squall.topology.base", "io.squall.tuple", "io.squall.utils",
            "io.squall.windowing");
    /**
     * Public packages that must stay out of that cycle, each for a reason of its own: {@code errors} holds the root
     * exception every package throws and depends on none; {@code config} (typed keys, {@code InvalidConfigException})
     * and {@code security} (credentials, TLS files, signatures), which read only {@code config} and {@code errors}, sit
     * below the public API; Storm's {@code drpc} sits above it, as in Storm: it uses {@code ILocalDRPC}, and nothing
     * public uses it ({@code LocalDRPC} serves through {@code io.squall.DRPC}).
     */
    static final List<String> OUT_OF_PUBLIC_CYCLE = List.of("io.squall.errors", "io.squall.config",
            "io.squall.security", "io.squall.drpc");

    /**
     * The Streams API's own cycle, forced by Storm's signatures: its operations name {@code Pair}
     * ({@code PairFunction}), and {@code StreamBuilder.newStream} takes the mappers.
     */
    static final Set<String> STREAMS_CYCLE = Set.of("io.squall.streams", "io.squall.streams.operations",
            "io.squall.streams.operations.mappers");

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
    void publicPackagesReachTheKernelOnlyThroughItsApi() {
        assertEquals(List.of(), violations(PUBLIC, KERNEL));
    }

    @Test
    void publicPackagesDoNotReachAboveTheKernel() {
        assertEquals(List.of(), violations(PUBLIC, ABOVE_KERNEL));
    }


    @Test
    void theKernelApiDependsOnPublicTypesOnly() {
        List<String> api = List.of("io.squall.runtime.api..");
        assertEquals(List.of(), violations(api, KERNEL));
        assertEquals(List.of(), violations(api, ABOVE_KERNEL));
    }

    @Test
    void theKernelDoesNotReachUpIntoTransportDaemonsOrReporting() {
        assertEquals(List.of(), violations(KERNEL, ABOVE_KERNEL));
    }

    @Test
    void noPackageCyclesCountingThePublicApiAsOne() {
        List<List<String>> cycles = PackageCycles.of(packageGraph(ArchitectureTest::node));
        assertTrue(cycles.isEmpty(), () -> "package cycles: " + cycles);
    }

    @Test
    void theOnlyPackageCycleIsThePublicApisOwn() {
        List<List<String>> cycles = PackageCycles.of(packageGraph(ArchitectureTest::packageOf));
        assertEquals(List.of(new ArrayList<>(new TreeSet<>(PUBLIC_CYCLE)), new ArrayList<>(new TreeSet<>(STREAMS_CYCLE))),
                cycles,
                "a package joined the public API's cycle, or a new cycle formed: break it (see the code map)");
    }

    @Test
    void squallsOwnPackagesStayOutOfThePublicApisCycle() {
        Map<String, Set<String>> graph = packageGraph(ArchitectureTest::packageOf);
        List<String> joined = new ArrayList<>();
        for (List<String> cycle : PackageCycles.of(graph)) {
            cycle.stream().filter(OUT_OF_PUBLIC_CYCLE::contains).forEach(joined::add);
        }
        assertEquals(List.of(), joined, "these packages must stay out of every package cycle (see "
                + "OUT_OF_PUBLIC_CYCLE): remove the import that closes the cycle, or move the type where it belongs");
        for (String pkg : OUT_OF_PUBLIC_CYCLE) {
            assertTrue(deps.keySet().stream().anyMatch(c -> packageOf(c).equals(pkg)), pkg + " has classes");
        }
    }

    /** Package-level edges between the nodes {@code node} puts each class in. */
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

    /** The public packages count as one node; every other package is a node of its own. */
    private static String node(String className) {
        return in(className, PUBLIC) ? "public API" : packageOf(className);
    }

    /**
     * The one clock: the kernel and the windowing API read time only through the injected {@code Clock}, so tests
     * run it on simulated time. {@code Quiescence} alone reads the system's, for the wall-clock deadline its callers
     * give it. A source scan, comments included (a clock read named in a comment is worth rewording).
     */
    @Test
    void theKernelReadsTimeOnlyThroughItsClock() throws IOException {
        Pattern read = Pattern.compile("System\\.(currentTimeMillis|nanoTime)\\(|Instant\\.now\\(|Clock\\.SYSTEM\\b");
        List<String> found = new ArrayList<>();
        for (String dir : List.of("runtime", "windowing")) {
            try (Stream<Path> files = Files.walk(Path.of("src", "main", "java", "io", "squall", dir))) {
                for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                    if (f.endsWith(Path.of("agent", "Quiescence.java"))) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (read.matcher(lines.get(i)).find()) {
                            found.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                        }
                    }
                }
            }
        }
        assertTrue(found.size() < 1_000 && Files.isDirectory(Path.of("src", "main", "java", "io", "squall", "runtime")));
        assertEquals(List.of(), found, "read time from the executor's or worker's injected Clock instead");
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
