package io.squall;

import io.squall.errors.SquallException;
import io.squall.testing.CompletableSpout;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FixedTuple;
import io.squall.testing.FixedTupleSpout;
import io.squall.testing.MkClusterParam;
import io.squall.testing.MkTupleParam;
import io.squall.testing.TestJob;
import io.squall.testing.TrackedTopology;
import io.squall.testing.TupleCaptureBolt;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamSpec;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.utils.Time;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Storm's testing helpers: run a test with a local cluster, on real or simulated time, run a topology to
 * completion on mocked input and read what each component emitted, wait for a tracked topology to go idle,
 * advance simulated time, make tuples for unit tests of bolts. Waits end as soon as their condition holds,
 * or fail at {@link #TEST_TIMEOUT_MS} of real time (environment {@code SQUALL_TEST_TIMEOUT_MS} or
 * {@code STORM_TEST_TIMEOUT_MS}, default 30 s).
 *
 * <p>On simulated time ({@link Time}), a cluster's timers move only when the test advances time:
 * {@link #completeTopology} advances it 10 s at a time until the spouts are done, as Storm's does, and
 * {@link #trackedWait} a second at a time until the topology is idle.
 */
public final class Testing {
    /** How long waits last by default, in milliseconds. */
    public static final int TEST_TIMEOUT_MS = timeoutFromEnv();
    private static final long IDLE_CHECK_NANOS = 10_000_000;

    private Testing() {
    }

    private static int timeoutFromEnv() {
        for (String name : new String[] {"SQUALL_TEST_TIMEOUT_MS", "STORM_TEST_TIMEOUT_MS"}) {
            String v = System.getenv(name);
            if (v != null && v.matches("\\d+")) {
                return Integer.parseInt(v);
            }
        }
        return 30_000;
    }

    /** Runs {@code code} with a new local cluster, shut down afterwards. */
    public static void withLocalCluster(TestJob code) {
        withLocalCluster(new MkClusterParam(), code);
    }

    /**
     * Runs {@code code} with a new local cluster whose topologies start from the parameter's daemon
     * configuration; supervisor and port counts are ignored (a local topology runs in-process).
     */
    public static void withLocalCluster(MkClusterParam param, TestJob code) {
        try (LocalCluster cluster = getLocalCluster(param == null ? null : param.getDaemonConf())) {
            code.run(cluster);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new SquallException("Test job failed: " + e, e);
        }
    }

    /** Runs {@code code} on simulated time, started at 0 and stopped afterwards. */
    public static void withSimulatedTime(Runnable code) {
        Time.startSimulating();
        try {
            code.run();
        } finally {
            Time.stopSimulating();
        }
    }

    /** Runs {@code code} with a new local cluster on simulated time; both end afterwards. */
    public static void withSimulatedTimeLocalCluster(TestJob code) {
        withSimulatedTimeLocalCluster(new MkClusterParam(), code);
    }

    /**
     * Runs {@code code} with a new local cluster on simulated time whose topologies start from the parameter's
     * daemon configuration; both end afterwards.
     */
    public static void withSimulatedTimeLocalCluster(MkClusterParam param, TestJob code) {
        run(new LocalCluster.Builder().withSimulatedTime()
                .withDaemonConf(param == null ? null : param.getDaemonConf()), code);
    }

    /** {@link #withSimulatedTimeLocalCluster(TestJob)}: every Squall local cluster can track topologies. */
    public static void withSimulatedTimeTrackedCluster(TestJob code) {
        withSimulatedTimeLocalCluster(code);
    }

    /** {@link #withSimulatedTimeLocalCluster(MkClusterParam, TestJob)}. */
    public static void withSimulatedTimeTrackedCluster(MkClusterParam param, TestJob code) {
        withSimulatedTimeLocalCluster(param, code);
    }

    private static void run(LocalCluster.Builder builder, TestJob code) {
        try (LocalCluster cluster = builder.build()) {
            code.run(cluster);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new SquallException("Test job failed: " + e, e);
        }
    }

    /**
     * Advances a cluster's simulated time by {@code secs} seconds, one at a time, letting its topologies settle
     * around each step.
     *
     * @throws IllegalStateException if the cluster is not on simulated time
     */
    public static void advanceClusterTime(ILocalCluster cluster, Integer secs) throws InterruptedException {
        advanceClusterTime(cluster, secs, 1);
    }

    /** Advances a cluster's simulated time by {@code secs} seconds in steps of {@code step}. */
    public static void advanceClusterTime(ILocalCluster cluster, Integer secs, Integer step)
            throws InterruptedException {
        cluster.advanceClusterTime(secs, step);
    }

    /** On simulated time, advances the cluster's time by 10 s, letting its topologies settle; else nothing. */
    public static void simulateWait(ILocalCluster cluster) throws InterruptedException {
        if (local(cluster).isSimulatingTime()) {
            cluster.advanceClusterTime(10);
        }
    }

    /** A new local cluster whose topologies start from {@code clusterConf}. */
    public static LocalCluster getLocalCluster(Map<String, Object> clusterConf) {
        return new LocalCluster(clusterConf);
    }

    /** {@link #withLocalCluster(TestJob)}: every Squall local cluster can track topologies. */
    public static void withTrackedCluster(TestJob code) {
        withLocalCluster(code);
    }

    /** {@link #withLocalCluster(MkClusterParam, TestJob)}: every Squall local cluster can track topologies. */
    public static void withTrackedCluster(MkClusterParam param, TestJob code) {
        withLocalCluster(param, code);
    }

    /** A tracked version of {@code topology}; submit its {@link TrackedTopology#getTopology()}. */
    public static TrackedTopology mkTrackedTopology(ILocalCluster cluster, StormTopology topology) {
        return new TrackedTopology(topology, cluster);
    }

    /** Waits for one more spout emit and for the topology to be idle. */
    public static void trackedWait(TrackedTopology topo) {
        topo.trackedWait();
    }

    /** Waits for {@code amt} more spout emits and for the topology to be idle. */
    public static void trackedWait(TrackedTopology topo, Integer amt) {
        topo.trackedWait(amt);
    }

    /** Waits for {@code amt} more spout emits and for the topology to be idle, at most {@code timeoutMs}. */
    public static void trackedWait(TrackedTopology topo, Integer amt, Integer timeoutMs) {
        topo.trackedWait(amt, timeoutMs);
    }

    /** Runs a topology to completion without mocked spouts; see {@link #completeTopology(ILocalCluster, StormTopology, CompleteTopologyParam)}. */
    public static Map<String, List<FixedTuple>> completeTopology(ILocalCluster cluster, StormTopology topology) {
        return completeTopology(cluster, topology, new CompleteTopologyParam());
    }

    /**
     * Runs a topology until its input is used up and returns every tuple each component emitted, by
     * component id (spouts included), in the order a capturing bolt received them. The spouts named in the
     * parameter's mocked sources emit those tuples instead; every other spout must be a
     * {@link CompletableSpout}. The topology is complete when every spout is exhausted (each tuple acked
     * or failed) and every tuple sent has been executed; it is then killed. Tuples on direct streams are
     * not captured.
     *
     * @throws IllegalArgumentException if a spout is neither mocked nor completable
     * @throws IllegalStateException    if it does not complete within the timeout
     */
    public static Map<String, List<FixedTuple>> completeTopology(ILocalCluster cluster, StormTopology topology,
                                                                 CompleteTopologyParam param) {
        LocalCluster local = local(cluster);
        CompleteTopologyParam p = param == null ? new CompleteTopologyParam() : param;
        Map<String, List<FixedTuple>> mocked = p.getMockedSources() == null ? Map.of() : p.getMockedSources().getData();
        for (String id : mocked.keySet()) {
            ComponentSpec spec = topology.getComponent(id);
            if (spec == null || spec.getKind() != ComponentSpec.Kind.SPOUT) {
                throw new IllegalArgumentException("Mocked source '" + id + "' is not a spout of the topology (spouts: "
                        + topology.getSpouts().stream().map(ComponentSpec::getId).toList() + ")");
            }
        }
        Map<String, ComponentSpec> components = new LinkedHashMap<>();
        List<CompletableSpout> spouts = new ArrayList<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            if (c.getKind() != ComponentSpec.Kind.SPOUT) {
                components.put(c.getId(), c);
                continue;
            }
            Object spout;
            ComponentSpec spec = c;
            if (mocked.containsKey(c.getId())) {
                spout = new FixedTupleSpout(mocked.get(c.getId()));
                spec = new ComponentSpec(c.getId(), c.getKind(), Utils.javaSerialize(spout),
                        FixedTupleSpout.class.getName(), c.getParallelism(), c.getNumTasks(), c.getInputs(),
                        c.getOutputs(), c.getConfig());
            } else {
                spout = c.newInstance(Thread.currentThread().getContextClassLoader());
                if (!(spout instanceof CompletableSpout)) {
                    throw new IllegalArgumentException("Spout '" + c.getId() + "' (" + c.getClassName() + ") is not a "
                            + "CompletableSpout, so completeTopology cannot tell when it is done: mock it with "
                            + "MockedSources or use FixedTupleSpout");
                }
            }
            spouts.add((CompletableSpout) spout);
            components.put(c.getId(), spec);
        }
        TupleCaptureBolt capturer = new TupleCaptureBolt();
        String captureId = "capture-" + UUID.randomUUID();
        Map<GlobalStreamId, Grouping> captureInputs = new LinkedHashMap<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            c.getOutputs().forEach((stream, out) -> {
                if (!out.direct()) {
                    captureInputs.put(new GlobalStreamId(c.getId(), stream), Grouping.of(Grouping.Type.GLOBAL));
                }
            });
        }
        components.put(captureId, new ComponentSpec(captureId, ComponentSpec.Kind.BOLT, Utils.javaSerialize(capturer),
                TupleCaptureBolt.class.getName(), 1, 1, captureInputs, Map.of(), Map.of()));
        StormTopology run = topology.withComponents(components);

        String name = p.getTopologyName() != null ? p.getTopologyName() : "topologytest-" + UUID.randomUUID();
        int timeoutMs = p.getTimeoutMs() != null ? p.getTimeoutMs() : TEST_TIMEOUT_MS;
        spouts.forEach(CompletableSpout::startup);
        local.submitTopology(name, p.getStormConf() == null ? Map.of() : p.getStormConf(), run);
        try {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            while (!spouts.stream().allMatch(CompletableSpout::isExhausted)) {
                failIfFailed(local, name);
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Topology '" + name + "' did not complete within " + timeoutMs
                            + " ms: its spouts did not finish emitting or their tuples were not all acked or failed");
                }
                if (local.isSimulatingTime()) {
                    uninterrupted(() -> local.advanceClusterTime(10));     // timeouts must fire for spouts to finish
                } else {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            awaitIdle(local, run, 0, (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } finally {
            if (local.isRunning(name)) {
                local.killTopology(name);
            }
            if (p.getCleanupState()) {
                spouts.forEach(CompletableSpout::clean);
            }
        }
        Map<String, List<FixedTuple>> results = capturer.getAndRemoveResults();
        return results;
    }

    /** Something that may be interrupted. */
    private interface Interruptible {
        void run() throws InterruptedException;
    }

    /** Runs {@code r}; an interrupt becomes an unchecked failure, with the thread's flag kept. */
    private static void uninterrupted(Interruptible r) {
        try {
            r.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a topology", e);
        }
    }

    private static void failIfFailed(LocalCluster local, String name) {
        Throwable failure = local.getTopologyFailure(name);
        if (failure != null) {
            throw new IllegalStateException("Topology '" + name + "' failed: " + failure, failure);
        }
    }

    private static LocalCluster local(ILocalCluster cluster) {
        if (cluster instanceof LocalCluster l) {
            return l;
        }
        throw new IllegalArgumentException("Testing needs a LocalCluster, got "
                + (cluster == null ? "null" : cluster.getClass().getName()));
    }

    /** The values each tuple {@code componentId} emitted on its default stream, in order. */
    public static List<List<Object>> readTuples(Map<String, List<FixedTuple>> results, String componentId) {
        return readTuples(results, componentId, Utils.DEFAULT_STREAM_ID);
    }

    /** The values of each tuple {@code componentId} emitted on {@code streamId}, in order. */
    public static List<List<Object>> readTuples(Map<String, List<FixedTuple>> results, String componentId,
                                                String streamId) {
        List<List<Object>> out = new ArrayList<>();
        for (FixedTuple t : results.getOrDefault(componentId, List.of())) {
            if (t.stream.equals(streamId)) {
                out.add(t.values);
            }
        }
        return out;
    }

    /** How many times each element occurs. */
    public static <T> Map<T, Integer> multiset(Collection<T> c) {
        Map<T, Integer> counts = new HashMap<>();
        for (T t : c) {
            counts.merge(t, 1, Integer::sum);
        }
        return counts;
    }

    /** Whether two collections hold the same elements the same number of times, in any order. */
    public static <T> boolean multiseteq(Collection<T> a, Collection<T> b) {
        return multiset(a).equals(multiset(b));
    }

    /** A tuple of {@code values} from component {@code component} on the default stream, fields field1... */
    public static Tuple testTuple(List<Object> values) {
        return testTuple(values, new MkTupleParam());
    }

    /** A tuple of {@code values} with the parameter's stream, source component and field names. */
    public static Tuple testTuple(List<Object> values, MkTupleParam param) {
        MkTupleParam p = param == null ? new MkTupleParam() : param;
        String stream = p.getStream() == null ? Utils.DEFAULT_STREAM_ID : p.getStream();
        String component = p.getComponent() == null ? "component" : p.getComponent();
        List<String> fields = p.getFields();
        if (fields == null) {
            fields = new ArrayList<>();
            for (int i = 1; i <= values.size(); i++) {
                fields.add("field" + i);
            }
        }
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException("testTuple has " + values.size() + " values but " + fields.size()
                    + " fields " + fields);
        }
        return new TupleImpl(component, stream, new Fields(fields), 1, new ArrayList<>(values),
                MessageId.unanchored());
    }

    /** The tuples a running topology's spouts emitted so far; for {@link TrackedTopology}. */
    public static long spoutEmitted(ILocalCluster cluster, StormTopology topology) {
        Progress p = progress(local(cluster), topology);
        return p == null ? 0 : p.spoutEmitted;
    }

    /** Storm's tracked counts: {@code spout-emitted}, {@code transferred} or {@code processed}. */
    public static long globalAmt(ILocalCluster cluster, StormTopology topology, String key) {
        Progress p = progress(local(cluster), topology);
        if (p == null) {
            return 0;
        }
        return switch (key) {
            case "spout-emitted" -> p.spoutEmitted;
            case "transferred" -> p.transferred;
            case "processed" -> p.executed;
            default -> throw new IllegalArgumentException("Unknown tracked count '" + key
                    + "': use spout-emitted, transferred or processed");
        };
    }

    /**
     * Waits until the topology's spouts have emitted at least {@code spoutEmits} tuples and it is idle:
     * every tuple sent has been executed, every queue is empty, and nothing changed over a short check.
     *
     * @throws IllegalStateException at the timeout, with the counts seen
     */
    public static void awaitIdle(ILocalCluster cluster, StormTopology topology, long spoutEmits, int timeoutMs) {
        LocalCluster local = local(cluster);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        if (local.isSimulatingTime()) {
            awaitIdleSimulated(local, topology, spoutEmits, timeoutMs, deadline);
            return;
        }
        Progress last = null;
        while (true) {
            Progress now = progress(local, topology);
            if (now != null && now.spoutEmitted >= spoutEmits && now.idle()) {
                if (now.equals(last)) {
                    return;
                }
                last = now;
                LockSupport.parkNanos(IDLE_CHECK_NANOS);
                continue;
            }
            last = null;
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Topology did not become idle within " + timeoutMs + " ms after "
                        + spoutEmits + " spout emits: " + (now == null ? "it is not running" : now));
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** On simulated time: lets the cluster settle, and advances time a second at a time until the condition holds. */
    private static void awaitIdleSimulated(LocalCluster local, StormTopology topology, long spoutEmits, int timeoutMs,
                                           long deadline) {
        while (true) {
            uninterrupted(() -> local.waitForIdle(Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            Progress now = progress(local, topology);
            if (now != null && now.spoutEmitted >= spoutEmits && now.idle()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Topology did not become idle within " + timeoutMs + " ms after "
                        + spoutEmits + " spout emits: " + (now == null ? "it is not running" : now));
            }
            uninterrupted(() -> local.advanceClusterTime(1));
        }
    }

    private static Progress progress(LocalCluster local, StormTopology topology) {
        return local.progressOf(topology);
    }

    /** A snapshot of a running topology's counts. Tick tuples count as executed but not as sent. */
    record Progress(long spoutEmitted, long transferred, long executed, long queued) {
        boolean idle() {
            return queued == 0 && executed >= transferred;
        }
    }
}
