package io.squall.daemon.ui;

import io.squall.metrics.TaggedRegistry;
import io.squall.metrics.aggregate.TopologyMetrics;
import io.squall.metrics.aggregate.Window;
import io.squall.runtime.tap.TapFeed;
import io.squall.runtime.tap.TapKey;

import java.util.List;
import java.util.Map;

/**
 * What the dashboard shows and controls: the cluster's topologies, their structure and metrics, and the
 * actions on them. Methods that name a topology throw {@link io.squall.topology.NotAliveException} when
 * there is none of that name. Implementations are thread-safe.
 */
public interface ClusterView {

    /**
     * The cluster at a glance.
     *
     * @param mode           {@code local} or {@code cluster}
     * @param supervisors    how many supervisors are alive
     * @param slotsUsed      worker slots in use
     * @param supervisorList each supervisor, by host
     */
    record ClusterSummary(String mode, String version, int supervisors, int slotsTotal, int slotsUsed,
                          List<TopologySummary> topologies, List<SupervisorSummary> supervisorList) { }

    /**
     * One supervisor: where it runs, its worker slots in use and free, how long it has run, and its slots' ports
     * (empty where the slots have none: local mode's in-process workers).
     */
    record SupervisorSummary(String id, String host, int slotsUsed, int slotsFree, long uptimeSecs,
                             List<Integer> ports) {
        public SupervisorSummary {
            ports = ports == null ? List.of() : List.copyOf(ports);
        }

        /** A supervisor whose slots have no ports. */
        public SupervisorSummary(String id, String host, int slotsUsed, int slotsFree, long uptimeSecs) {
            this(id, host, slotsUsed, slotsFree, uptimeSecs, List.of());
        }

        /** Whether the worker at {@code host:port} is in one of this supervisor's slots. */
        public boolean runs(String workerHost, int port) {
            return host.equals(workerHost) && (ports.isEmpty() || ports.contains(port));
        }
    }

    /**
     * One topology. Executors and tasks are those of its components, ackers not counted, as everywhere.
     *
     * @param status           {@code ACTIVE} or {@code INACTIVE}
     * @param workers          the workers it runs on
     * @param workersRequested the workers it asked for; more than {@code workers} when the cluster lacked free
     *                         slots (or the topology has fewer executors than that)
     * @param owner            the user who submitted it ({@code topology.submitter.user}); null if not known
     */
    record TopologySummary(String name, String id, String status, long uptimeSecs, int workers, int workersRequested,
                           int executors, int tasks, List<String> actions, String owner) {
        /** Every action: what a user may do on a cluster without authorization. */
        public static final List<String> ALL_ACTIONS = List.of("kill", "activate", "deactivate", "rebalance");

        /** A summary whose owner is not known. */
        public TopologySummary(String name, String id, String status, long uptimeSecs, int workers,
                               int workersRequested, int executors, int tasks, List<String> actions) {
            this(name, id, status, uptimeSecs, workers, workersRequested, executors, tasks, actions, null);
        }

        /** A summary whose user may take every action. */
        public TopologySummary(String name, String id, String status, long uptimeSecs, int workers,
                               int workersRequested, int executors, int tasks) {
            this(name, id, status, uptimeSecs, workers, workersRequested, executors, tasks, ALL_ACTIONS);
        }
    }

    /** One component of a topology's graph, what it subscribes to and the streams it declares. */
    record ComponentInfo(String id, String kind, int parallelism, int tasks, List<Input> inputs, List<String> streams) {
        /** No streams listed (a Nimbus that does not list them) is an empty list. */
        public ComponentInfo {
            streams = streams == null ? List.of() : List.copyOf(streams);
        }
    }

    /** A subscription: a stream of another component and its grouping. */
    record Input(String component, String stream, String grouping) { }

    /**
     * The committed state of a stateful bolt: with a key, its value and the task that holds it; without, each
     * task's state size (see {@code StateQuery.Answer.json}).
     *
     * @throws NotSupportedException where this cluster cannot read state
     */
    default Map<String, Object> state(String name, String component, String key) {
        throw new NotSupportedException("This cluster cannot read state; read the provider's store (RocksDB on the "
                + "worker's host, Redis) or the state.size metrics");
    }

    /** The cluster summary. */
    ClusterSummary summary();

    /**
     * This view acting as the user whose bearer token is {@code token}: what it shows and does is what that user
     * may see and do. A view without users answers itself.
     */
    default ClusterView forUser(String token) {
        return this;
    }

    /** A topology's summary. */
    TopologySummary topology(String name);

    /** A topology's components, spouts first. */
    List<ComponentInfo> components(String name);

    /** Lets a topology's spouts emit. */
    void activate(String name);

    /** Stops a topology's spouts from emitting. */
    void deactivate(String name);

    /** Kills a topology after deactivating it for {@code waitSecs}; may return before it is gone. */
    void kill(String name, int waitSecs);

    /**
     * Redistributes a topology over {@code workers} workers and the given executor counts after deactivating its
     * spouts for {@code waitSecs} (null: its message timeout, as Storm); returns how many workers it got, or that
     * it is rebalancing.
     *
     * @throws NotSupportedException where the cluster cannot do it
     */
    Placement rebalance(String name, int workers, Map<String, Integer> executors, Integer waitSecs);

    /**
     * How many workers a topology got of those it asked for, from Nimbus's answer to a submit or rebalance.
     *
     * @param executors its executors, ackers included: it cannot use more workers than that
     */
    record Placement(int workers, int workersRequested, int executors, int rebalancingInSecs) {
        /** A placement done. */
        public Placement(int workers, int workersRequested, int executors) {
            this(workers, workersRequested, executors, 0);
        }

        /**
         * Reads Nimbus's answer ({@code workers}, {@code workersRequested}, {@code executors}; or
         * {@code rebalancingInSecs} and {@code workersRequested} for a rebalance that waits).
         */
        public static Placement of(Map<String, Object> answer) {
            int workers = answer.get("workers") instanceof Number n ? n.intValue() : 0;
            int requested = answer.get("workersRequested") instanceof Number n ? n.intValue() : workers;
            int executors = answer.get("executors") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
            int in = answer.get("rebalancingInSecs") instanceof Number n ? n.intValue() : 0;
            return new Placement(workers, requested, executors, in);
        }

        /** Says what a rebalance of {@code topology} did, and why it got fewer workers than asked if it did. */
        public String describe(String topology) {
            if (rebalancingInSecs > 0) {
                return "Rebalancing topology " + topology + " in " + rebalancingInSecs + " s: its spouts are "
                        + "deactivated meanwhile so that the tuples in flight complete; then it runs over "
                        + workersRequested + " workers and gets its status back";
            }
            if (workers >= workersRequested) {
                return "Rebalanced topology " + topology + " over " + workers + " workers";
            }
            String why = executors < workersRequested
                    ? "it has only " + executors + " executors, at most one worker each"
                    : "the cluster has no more free slots; Nimbus adds workers as slots free up";
            return "Rebalanced topology " + topology + ": it runs on " + workers + " of the " + workersRequested
                    + " workers asked for (" + why + ")";
        }
    }

    /**
     * Opens a tap on a stream of a running topology, or keeps the one open, and reads the tuples it sampled after
     * number {@code after} (0 for all it still has). A tap that nobody reads for {@link TapFeed#LEASE_MILLIS}
     * closes by itself.
     *
     * @param maxPerSec the most tuples a second the workers sample, 1 to 1000
     * @throws IllegalArgumentException naming an unknown component or stream, or a bad rate
     * @throws NotSupportedException    where the cluster cannot tap streams
     */
    default TapFeed.Read readTap(String topology, TapKey stream, int maxPerSec, long after) {
        throw new NotSupportedException("This cluster cannot tap streams");
    }

    /**
     * Asks a topology's worker ({@code host:port}) for a profiling or debugging action, as Storm's UI does:
     * {@code dumpjstack}, {@code dumpheap}, {@code restartworker}, {@code start} (a JFR recording of {@code minutes}),
     * {@code dumpprofile} or {@code stop}. Answers Nimbus's answer.
     *
     * @throws NotSupportedException where the workers are not JVMs of their own (local mode)
     */
    default Map<String, Object> profile(String name, String worker, String action, int minutes) {
        throw new NotSupportedException("Profiling acts on a cluster's worker JVMs; local mode runs its workers in this "
                + "JVM: profile it with jcmd (Thread.print, GC.heap_dump, JFR.start)");
    }

    /** Whether {@link #profile} can act on this cluster's workers (JVMs of their own). */
    default boolean profiles() {
        return false;
    }

    /**
     * The profiling actions pending on a topology's workers, by worker ({@code host:port}): {@code recordingUntilMs}
     * while it records, {@code asked} the one-time actions it has not taken yet. None where nothing can be asked.
     */
    default Map<String, Map<String, Object>> pendingProfileActions(String name) {
        return Map.of();
    }

    /**
     * Starts or stops debugging a topology ({@code component} empty) or a component at {@code percent}, as Storm's
     * UI's Debug action: the workers sample that share of what its executors emit to the topology's event loggers.
     *
     * @throws IllegalArgumentException for a percentage not in (0, 100] when enabling
     */
    default void debug(String name, String component, boolean enable, double percent) {
        throw new NotSupportedException("This cluster cannot debug topologies");
    }

    /**
     * What is debugged in a topology, as Storm's {@code component_debug}: by component id, and the whole topology's
     * under its id.
     */
    default Map<String, io.squall.topology.DebugOptions> debugOptions(String name) {
        return stormInfo(name).get_component_debug();
    }

    /** Closes a tap: the workers stop sampling the stream. Nothing happens if none is open. */
    default void closeTap(String topology, TapKey stream) {
    }

    /** A topology's metrics over {@code window}, or null if none of its workers has reported yet. */
    TopologyMetrics metrics(String name, Window window);

    /**
     * The Nimbus daemons known: the one answering and, if it is not the leader, the leader.
     *
     * @param status     Storm's {@code Leader} or {@code Not a Leader}
     * @param uptimeSecs how long it has run, or -1 when not known (a leader asked through another Nimbus)
     */
    record NimbusSummary(String host, int port, String status, long uptimeSecs, String version) { }

    /** The Nimbus daemons, for Storm UI's {@code /api/v1/nimbus/summary}. */
    List<NimbusSummary> nimbuses();

    /**
     * The cluster's configuration as its Nimbus runs with it (in local mode: the defaults and {@code squall.yaml}),
     * keys naming a secret left out; Storm UI's {@code /api/v1/cluster/configuration}.
     */
    Map<String, Object> configuration();

    /** Storm's {@code getTopologyInfo} of a topology: one summary per executor, where it runs and its counts. */
    io.squall.topology.TopologyInfo stormInfo(String name);

    /** The metric registries to expose in Prometheus format, by topology. */
    Map<String, TaggedRegistry> registries();

    /** A request the cluster refused or could not serve, with the HTTP status that says which. */
    final class RequestFailedException extends io.squall.errors.SquallException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /** A failed request: {@code status} 4xx if it was refused, 5xx if it could not be served. */
        public RequestFailedException(int status, String message) {
            super(message);
            this.status = status;
        }

        /** The HTTP status to answer. */
        public int status() {
            return status;
        }
    }

    /** An action this cluster cannot perform; the message says why and what to do instead. */
    final class NotSupportedException extends io.squall.errors.SquallException {
        private static final long serialVersionUID = 1L;

        /** An action that is not supported, with the reason. */
        public NotSupportedException(String message) {
            super(message);
        }
    }
}
