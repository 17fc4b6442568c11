package io.squall.architecture;

import io.squall.testsupport.architecture.AllowedCycles;
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
 * transport or reporting, and the only package cycles are those {@link #PUBLIC_CYCLE} and {@link #STREAMS_CYCLE}
 * allow, each package with the Storm signature that keeps it there. A package that joins a cycle, or a new cycle,
 * fails the build with the class edges that close it; a package that leaves one must come off its list.
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
            "io.squall.streams..", "io.squall.runtime.api..", "io.squall.errors..", "io.squall.blobstore..",
            "io.squall.serialization..", "io.squall.thrift..");
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
     * The public API's cycle, package by package with the signature that keeps it in. Storm 2.7.1's storm-client
     * has all of Storm's packages here in one cycle of its own (61 packages); {@code testing} and {@code runtime.api}
     * are Squall's.
     */
    static final Map<String, String> PUBLIC_CYCLE = Map.ofEntries(
            Map.entry("io.squall", "ILocalCluster.submitTopology(String, Map, StormTopology), "
                    + "Testing.withLocalCluster(TestJob); topology.ConfigurableTopology holds a Config"),
            Map.entry("io.squall.topology", "IRichBolt extends task.IBolt, IBasicBolt.execute(Tuple, "
                    + "BasicOutputCollector), InputDeclarer.customGrouping(String, CustomStreamGrouping), "
                    + "IWindowedBolt.execute(TupleWindow), IRichSpout extends spout.ISpout"),
            Map.entry("io.squall.topology.base", "BaseRichBolt implements IRichBolt, BaseBatchBolt implements "
                    + "coordination.IBatchBolt, BaseWindowedBolt.prepare(Map, TopologyContext, OutputCollector)"),
            Map.entry("io.squall.tuple", "Tuple.getSourceGlobalStreamId() returns a topology.GlobalStreamId"),
            Map.entry("io.squall.task", "IBolt.execute(Tuple), TopologyContext.getRawTopology() returns a "
                    + "StormTopology, TopologyContext.addTaskHook(ITaskHook), registerMetric(String, IMetric, int)"),
            Map.entry("io.squall.spout", "ISpout.open(Map, TopologyContext, SpoutOutputCollector)"),
            Map.entry("io.squall.state", "topology.IStatefulComponent<T extends State>, "
                    + "StateProvider.newState(String, Map, TopologyContext)"),
            Map.entry("io.squall.grouping", "InputDeclarer.customGrouping(String, CustomStreamGrouping), "
                    + "CustomStreamGrouping.prepare(WorkerTopologyContext, GlobalStreamId, List)"),
            Map.entry("io.squall.coordination", "BaseBatchBolt implements IBatchBolt, IBatchBolt extends IComponent, "
                    + "IBatchBolt.prepare(Map, TopologyContext, BatchOutputCollector, T)"),
            Map.entry("io.squall.hooks", "TopologyContext.addTaskHook(ITaskHook), ITaskHook.prepare(Map, "
                    + "TopologyContext), TopologyBuilder.addWorkerHook(IWorkerHook)"),
            Map.entry("io.squall.hooks.info", "ITaskHook.emit(EmitInfo), ITaskHook.boltAck(BoltAckInfo); "
                    + "BoltAckInfo.tuple is a Tuple"),
            Map.entry("io.squall.lambda", "TopologyBuilder.setSpout(String, SerializableSupplier), "
                    + "LambdaSpout extends BaseRichSpout"),
            Map.entry("io.squall.metric.api", "TopologyContext.registerMetric(String, IMetric, int), "
                    + "IMetricsConsumer.prepare(Map, Object, TopologyContext, IErrorReporter)"),
            Map.entry("io.squall.metric.api.rpc", "IShellMetric extends metric.api.IMetric, and a ShellBolt's "
                    + "subprocess updates the IShellMetric TopologyContext.getRegisteredMetricByName(String) gives "
                    + "(Storm's task.ShellBolt imports it the same way)"),
            Map.entry("io.squall.multilang", "ISerializer.connect(Map, TopologyContext); task.ShellBolt and "
                    + "spout.ShellSpout speak the protocol in its ShellMsg, BoltMsg and SpoutMsg (in Storm, "
                    + "utils.ShellProcess.writeBoltMsg(BoltMsg) ties them in the same way)"),
            Map.entry("io.squall.utils", "NimbusClient.getClient() returns a topology.Nimbus.Client, "
                    + "TupleUtils.isTick(Tuple), DRPCClient.LocalOverride(ILocalDRPC); TopologyContext.getClock() "
                    + "returns a utils.Clock"),
            Map.entry("io.squall.windowing", "IWindowedBolt.execute(TupleWindow), TupleWindow extends Window<Tuple>"),
            Map.entry("io.squall.blobstore", "utils.Utils.getClientBlobStore(Map) returns a ClientBlobStore, whose "
                    + "createBlob(String, SettableBlobMeta) names topology.SettableBlobMeta (Storm's generated type)"),
            Map.entry("io.squall.testing", "Testing.withLocalCluster(TestJob) and TestJob.run(ILocalCluster)"),
            Map.entry("io.squall.serialization", "Config.registerDecorator(Class<? extends IKryoDecorator>) and "
                    + "testing.TestKryoDecorator implements IKryoDecorator (Storm's); its Kryo set-up registers "
                    + "tuple.Values and its codecs write tuple.TupleImpl"),
            Map.entry("io.squall.runtime.api", "the kernel's interface names the types it runs (Kernel.start(String, "
                    + "StormTopology, ...), Kernel.windowedBolt(IWindowedBolt), TimedBolt extends IBolt) and Storm's "
                    + "LocalCluster, NimbusClient, ShellBolt and WindowedBoltExecutor call it: out of the cycle "
                    + "it could only go by moving it into Storm's packages"));
    /**
     * Public packages that must stay out of that cycle, each for a reason of its own: {@code errors} holds the root
     * exception every package throws and depends on none; {@code config} (typed keys, {@code InvalidConfigException})
     * and {@code security} (credentials, TLS files, signatures), which read only {@code config} and {@code errors}, sit
     * below the public API; Storm's {@code drpc} sits above it, as in Storm: it uses {@code ILocalDRPC}, and nothing
     * public uses it ({@code LocalDRPC} serves through {@code io.squall.DRPC}); Storm's {@code metric} (the logging
     * consumer and the worker's v1 metrics thread) sits above it too: tasks register v1 metrics in a
     * {@code task.V1MetricRegistry}, which the metrics thread reads.
     */
    static final List<String> OUT_OF_PUBLIC_CYCLE = List.of("io.squall.errors", "io.squall.config",
            "io.squall.security", "io.squall.drpc", "io.squall.metric");

    /** The Streams API's own cycle, package by package with the Storm signature that keeps it in. */
    static final Map<String, String> STREAMS_CYCLE = Map.of(
            "io.squall.streams", "Stream.map(operations.Function), "
                    + "StreamBuilder.newStream(IRichSpout, mappers.PairValueMapper)",
            "io.squall.streams.operations", "PairFunction<T, K, V> extends Function<T, Pair<K, V>>",
            "io.squall.streams.operations.mappers", "PairValueMapper<K, V> implements TupleValueMapper<Pair<K, V>>");

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
    void theOnlyPackageCyclesAreTheAllowedOnes() {
        AllowedCycles allowed = new AllowedCycles(Map.of("public API", PUBLIC_CYCLE.keySet(),
                "Streams API", STREAMS_CYCLE.keySet()));
        assertEquals(List.of(), allowed.check(deps), "break the edge that closes it (see the code map in README.md); "
                + "a package that left a cycle comes off the list");
    }

    @Test
    void namesTheEdgesThatBringAPackageIntoACycle() {
        Map<String, Set<String>> classes = Map.of(
                "a.A", Set.of("b.B"), "b.B", Set.of("a.A", "c.C"), "c.C", Set.of("b.B"), "d.D", Set.of("e.E"),
                "e.E", Set.of("d.D"));
        List<String> problems = new AllowedCycles(Map.of("ab", Set.of("a", "b"), "fg", Set.of("f", "g")))
                .check(classes);
        assertEquals(List.of("c joined the ab cycle: into the cycle [c.C -> b.B]; from the cycle [b.B -> c.C]",
                "a new package cycle [d, e], closed by: [d.D -> e.E, e.E -> d.D]",
                "the fg cycle is gone: take it off the allowed list"), problems);
        assertEquals(List.of("b is no longer in the abc cycle: take it off the allowed list"),
                new AllowedCycles(Map.of("abc", Set.of("a", "b", "c"))).check(Map.of("a.A", Set.of("c.C"),
                        "c.C", Set.of("a.A"), "b.B", Set.of("a.A"))));
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
