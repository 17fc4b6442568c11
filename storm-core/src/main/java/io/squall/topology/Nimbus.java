package io.squall.topology;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Storm's Nimbus client interface, as {@code NimbusClient.getConfiguredClient(conf).getClient()} returns it.
 * Plain Java: results are Squall's versions of Storm's result types, failures are unchecked
 * ({@link NotAliveException} for an unknown topology).
 */
public final class Nimbus {
    private Nimbus() {
    }

    /** What a Nimbus client can do. Topologies are named by name or by id. */
    public interface Iface {
        /**
         * Submits a topology, active, from a JAR uploaded already: {@code uploadedJarLocation} is what
         * {@link #beginFileUpload} (then {@link #finishFileUpload}) or {@code SquallSubmitter.submitJar} returned, as
         * in Storm; {@code jsonConf} is the topology's configuration as a JSON object.
         *
         * @throws InvalidTopologyException if {@code jsonConf} is not a JSON object, or the topology cannot run
         * @throws AlreadyAliveException    if a topology of that name is running
         */
        default void submitTopology(String name, String uploadedJarLocation, String jsonConf, StormTopology topology) {
            submitTopologyWithOpts(name, uploadedJarLocation, jsonConf, topology, new SubmitOptions());
        }

        /**
         * {@link #submitTopology(String, String, String, StormTopology)} with Storm's options: {@code INACTIVE} starts
         * it with its spouts deactivated, and its credentials are given to its {@code ICredentialsListener} components
         * before they open.
         */
        void submitTopologyWithOpts(String name, String uploadedJarLocation, String jsonConf, StormTopology topology,
                                    SubmitOptions options);

        /**
         * Starts uploading a topology JAR in chunks (Storm's): returns the upload's location, which
         * {@link #uploadChunk} appends to and {@link #finishFileUpload} closes; then a submission names it.
         */
        String beginFileUpload();

        /**
         * Appends {@code chunk}'s remaining bytes to the upload at {@code location}.
         *
         * @throws IllegalArgumentException if no upload is open at {@code location}
         */
        void uploadChunk(String location, ByteBuffer chunk);

        /**
         * Closes the upload at {@code location}; a submission may name it from now on.
         *
         * @throws IllegalArgumentException if no upload is open at {@code location}
         * @throws RuntimeException         naming it, if what the upload holds is not a JAR (the upload is dropped)
         */
        void finishFileUpload(String location);

        /**
         * Asks a worker of a running topology (the request's {@link NodeInfo}: its host and port) for a profiling
         * action (Storm's): a thread or heap dump, a restart, a recording (JFR) started until the request's time stamp
         * ({@link ProfileAction#JPROFILE_STOP} with a time in the future), dumped or stopped. The worker carries it
         * out after its next metrics report, writing dumps beside its log, where the logviewer serves them.
         *
         * @throws NotAliveException        if no running topology has that id or name
         * @throws IllegalArgumentException if the topology has no such worker, naming its workers
         */
        void setWorkerProfiler(String id, ProfileRequest request);

        /**
         * For each worker running {@code componentId}, the newest request of {@code action} still pending there:
         * for {@link ProfileAction#JPROFILE_STOP} the recordings in progress, each with the time it ends (what Storm's
         * UI lists as active profilers), for the others the actions asked and not yet taken by the worker.
         */
        List<ProfileRequest> getComponentPendingProfileActions(String id, String componentId, ProfileAction action);

        /**
         * What each owner's running topologies take (Storm's): for {@code owner}, or for every owner when it is null
         * (sorted by owner), the topologies the caller may view. An owner with none running gets no entry. A topology
         * submitted without authentication has the owner {@code unknown}.
         */
        default List<OwnerResourceSummary> getOwnerResourceSummaries(String owner) {
            Map<String, List<TopologySummary>> byOwner = new java.util.TreeMap<>();
            for (TopologySummary t : getTopologySummaries()) {
                String o = t.get_owner() == null ? "unknown" : t.get_owner();
                if (owner == null || owner.equals(o)) {
                    byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(t);
                }
            }
            List<OwnerResourceSummary> out = new ArrayList<>();
            byOwner.forEach((o, owned) -> out.add(new OwnerResourceSummary(o, owned.size(),
                    owned.stream().mapToInt(TopologySummary::get_num_executors).sum(),
                    owned.stream().mapToInt(TopologySummary::get_num_workers).sum(),
                    owned.stream().mapToInt(TopologySummary::get_num_tasks).sum())));
            return out;
        }

        /**
         * Storm's topology history of {@code user} (the caller's when null): the ids of the running topologies it may
         * view and of those removed within {@code logviewer.cleanup.age.mins} that it could view.
         *
         * @throws AuthorizationException if the caller, not an admin, asks for another user's history
         */
        TopologyHistoryInfo getTopologyHistory(String user);

        /**
         * What Storm's UI shows on a supervisor's page: the supervisor of id {@code id}, or when {@code id} is null
         * every supervisor on {@code host}, with the workers of every running topology on them. {@code isIncludeSys}
         * is taken for Storm's signature.
         *
         * @throws IllegalArgumentException if no supervisor has that id, or none runs on that host
         */
        default SupervisorPageInfo getSupervisorPageInfo(String id, String host, boolean isIncludeSys) {
            List<SupervisorSummary> supervisors = new ArrayList<>();
            for (SupervisorSummary s : getClusterInfo().get_supervisors()) {
                if (id != null ? id.equals(s.get_supervisor_id()) : s.get_host().equals(host)) {
                    supervisors.add(s);
                }
            }
            if (supervisors.isEmpty()) {
                throw new IllegalArgumentException(id != null ? "No supervisor has the id '" + id + "'"
                        : "No supervisor runs on host '" + host + "'");
            }
            List<String> ids = supervisors.stream().map(SupervisorSummary::get_supervisor_id).toList();
            List<WorkerSummary> workers = new ArrayList<>();
            for (TopologySummary t : getTopologySummaries()) {
                TopologyPageInfo page;
                try {
                    page = getTopologyPageInfo(t.get_id(), ":all-time", isIncludeSys);
                } catch (NotAliveException e) {
                    continue; // Killed since the list was read.
                }
                for (WorkerSummary w : page.get_workers()) {
                    if (ids.contains(w.get_supervisor_id())) {
                        workers.add(w);
                    }
                }
            }
            return new SupervisorPageInfo(supervisors, workers);
        }

        /** The supervisors and topologies. */
        ClusterSummary getClusterInfo();

        /** A running topology's executors and counts. */
        TopologyInfo getTopologyInfo(String id);

        /** A running topology's executors and counts, by name. */
        default TopologyInfo getTopologyInfoByName(String name) {
            return getTopologyInfo(name);
        }

        /** Every running topology's summary. */
        default java.util.List<TopologySummary> getTopologySummaries() {
            return getClusterInfo().get_topologies();
        }

        /**
         * The summary of the running topology named {@code name}.
         *
         * @throws NotAliveException if no running topology has that name
         */
        default TopologySummary getTopologySummaryByName(String name) {
            return getTopologySummaries().stream().filter(t -> t.get_name().equals(name)).findFirst()
                    .orElseThrow(() -> new NotAliveException("No topology named '" + name + "' is running"));
        }

        /**
         * The summary of the running topology whose id is {@code id}.
         *
         * @throws NotAliveException if no running topology has that id
         */
        default TopologySummary getTopologySummary(String id) {
            return getTopologySummaries().stream().filter(t -> t.get_id().equals(id)).findFirst()
                    .orElseThrow(() -> new NotAliveException("No running topology has the id '" + id + "'"));
        }

        /**
         * What Storm's UI shows on a topology's page: its counts and workers. {@code window} (Storm's
         * {@code ":all-time"}, ...) and {@code isIncludeSys} are taken for Storm's signature; the counts are those of
         * {@link #getTopologyInfo}.
         */
        default TopologyPageInfo getTopologyPageInfo(String id, String window, boolean isIncludeSys) {
            Map<String, String> supervisors = new java.util.HashMap<>();
            for (SupervisorSummary s : getClusterInfo().get_supervisors()) {
                supervisors.putIfAbsent(s.get_host(), s.get_supervisor_id());
            }
            return TopologyPageInfo.of(getTopologyInfo(id), supervisors);
        }

        /**
         * What Storm's UI shows on a component's page: its type and its executors, each with the host and worker
         * port it runs on. {@code window} and {@code isIncludeSys} are taken for Storm's signature.
         *
         * @throws NotAliveException if no running topology has that id or name
         * @throws IllegalArgumentException if the topology has no component {@code componentId}
         */
        default ComponentPageInfo getComponentPageInfo(String topologyId, String componentId, String window,
                                                       boolean isIncludeSys) {
            TopologyInfo info = getTopologyInfo(topologyId);
            StormTopology topology = getTopology(topologyId);
            ComponentType type;
            if (topology.get_spouts().containsKey(componentId)) {
                type = ComponentType.SPOUT;
            } else if (topology.get_bolts().containsKey(componentId)) {
                type = ComponentType.BOLT;
            } else {
                throw new IllegalArgumentException("Topology '" + info.get_name() + "' has no component '"
                        + componentId + "'; its components are " + topology.getComponents().keySet());
            }
            return ComponentPageInfo.of(info, componentId, type);
        }

        /**
         * The topology's detail as {@link #getTopologyInfo}, with all, none or the latest of each component's errors
         * ({@code options}' choice; all when it makes none).
         */
        default TopologyInfo getTopologyInfoWithOpts(String id, GetInfoOptions options) {
            return withErrors(getTopologyInfo(id), options);
        }

        /** {@link #getTopologyInfoWithOpts} by the topology's name. */
        default TopologyInfo getTopologyInfoByNameWithOpts(String name, GetInfoOptions options) {
            return withErrors(getTopologyInfoByName(name), options);
        }

        /**
         * The leader Nimbus.
         *
         * @throws IllegalStateException when none leads now (an election is under way)
         */
        default NimbusSummary getLeader() {
            return getClusterInfo().get_nimbuses().stream().filter(NimbusSummary::is_isLeader).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Nimbus leads the cluster now; try again shortly"));
        }

        /** The answering Nimbus's configuration as JSON (keys that name a secret left out). */
        String getNimbusConf();

        /**
         * Whether a topology may be submitted under {@code name}: a name Nimbus accepts and no topology of that name
         * is running or being killed.
         */
        default boolean isTopologyNameAllowed(String name) {
            if (name == null || name.isBlank() || name.chars().anyMatch(c -> "/.:\\".indexOf(c) >= 0)) {
                return false;
            }
            return getTopologySummaries().stream().noneMatch(t -> t.get_name().equals(name));
        }

        /**
         * Sets or puts back loggers of a running topology's workers (Storm's dynamic log levels; {@code ROOT} is the
         * root logger): an {@code UPDATE} sets its logger to its target level, for its
         * {@code reset_log_level_timeout_secs} if set, a {@code REMOVE} puts it back as it was.
         *
         * @throws IllegalArgumentException for a level that is not one of logback's, or an UPDATE without one
         */
        void setLogConfig(String name, LogConfig config);

        /** The log levels set on a running topology and still in force, each as an {@code UPDATE}. */
        LogConfig getLogConfig(String name);

        /**
         * Gives a running topology new credentials (Storm's): its {@code ICredentialsListener} spouts and bolts are
         * told of them on their executors' threads.
         *
         * @throws AuthorizationException if {@code creds} names an owner ({@code topoOwner}) the topology does not
         *                                have, or the caller may not operate it
         */
        void uploadNewCredentials(String name, Credentials creds);

        /** A running topology's structure. */
        StormTopology getTopology(String id);

        /** The topology as the user built it; the same as {@link #getTopology} in Squall. */
        StormTopology getUserTopology(String id);

        /** A running topology's configuration, as a JSON object (Storm's signature). */
        String getTopologyConf(String id);

        /** Kills a topology, with the default wait. */
        void killTopology(String name);

        /** Kills a topology: spouts deactivated for the options' wait, then its workers stop. */
        void killTopologyWithOpts(String name, KillOptions options);

        /** Lets a topology's spouts emit. */
        void activate(String name);

        /** Stops a topology's spouts. */
        void deactivate(String name);

        /** Reassigns a topology's workers and executors. */
        void rebalance(String name, RebalanceOptions options);

        /**
         * Starts or stops debugging a topology ({@code component} null or empty) or one component: its executors
         * sample {@code samplingPercentage} of what they emit to the topology's event loggers.
         */
        void debug(String name, String component, boolean enable, double samplingPercentage);
    }

    /**
     * A submission's {@code jsonConf} as a map, with Storm's types (whole numbers {@code Long}); empty for null.
     *
     * @throws InvalidTopologyException if it is not a JSON object, with the parser's reason
     */
    public static Map<String, Object> confOf(String jsonConf) {
        try {
            return io.squall.utils.Utils.parseJson(jsonConf);
        } catch (RuntimeException e) {
            throw new InvalidTopologyException("The topology's configuration (jsonConf) is not a JSON object: "
                    + e.getMessage() + ". Pass the configuration map as JSON, as JSONValue.toJSONString(conf) writes "
                    + "it", e);
        }
    }

    /** {@code info} with the errors {@code options} asks for. */
    static TopologyInfo withErrors(TopologyInfo info, GetInfoOptions options) {
        NumErrorsChoice choice = options == null || !options.is_set_num_err_choice() ? NumErrorsChoice.ALL
                : options.get_num_err_choice();
        if (choice == NumErrorsChoice.ALL) {
            return info;
        }
        Map<String, java.util.List<ErrorInfo>> errors = new java.util.HashMap<>();
        if (choice == NumErrorsChoice.ONE) {
            info.get_errors().forEach((component, list) -> list.stream()
                    .max(java.util.Comparator.comparingInt(ErrorInfo::get_error_time_secs))
                    .ifPresent(latest -> errors.put(component, java.util.List.of(latest))));
        }
        return info.withErrors(errors);
    }

    /** The client class Storm code names; {@code getClient()} returns one. */
    public abstract static class Client implements Iface {
    }
}
