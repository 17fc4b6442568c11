package io.squall;

import io.squall.topology.ClusterSummary;
import io.squall.topology.Credentials;
import io.squall.topology.GetInfoOptions;
import io.squall.topology.KillOptions;
import io.squall.topology.RebalanceOptions;
import io.squall.topology.StormTopology;
import io.squall.topology.SubmitOptions;
import io.squall.topology.TopologyInfo;
import io.squall.topology.TopologySummary;

import java.util.List;
import java.util.Map;

/** What Storm's tests call on a local cluster; {@link LocalCluster} implements it. */
public interface ILocalCluster extends AutoCloseable {
    /** A running topology; closing it kills it. */
    interface ILocalTopology extends AutoCloseable {
        @Override
        void close();
    }

    /** Validates and starts a topology, active. */
    ILocalTopology submitTopology(String topologyName, Map<String, Object> conf, StormTopology topology);

    /** Like {@link #submitTopology}, with Storm's submit options (initial status). */
    ILocalTopology submitTopologyWithOpts(String topologyName, Map<String, Object> conf, StormTopology topology,
                                          SubmitOptions options);

    /** Restarts a topology with new executor counts. */
    void rebalance(String name, RebalanceOptions options);

    /** The cluster's supervisors and topologies. */
    ClusterSummary getClusterInfo();

    /** A running topology's executors and their counts, by id or name. */
    TopologyInfo getTopologyInfo(String id);

    /** A running topology's executors, counts and errors ({@code options}: all, none or the latest), by id. */
    TopologyInfo getTopologyInfoWithOpts(String id, GetInfoOptions options);

    /** A running topology's executors and their counts, by name. */
    TopologyInfo getTopologyInfoByName(String name);

    /** As {@link #getTopologyInfoWithOpts}, by name. */
    TopologyInfo getTopologyInfoByNameWithOpts(String name, GetInfoOptions options);

    /** Every running topology's summary. */
    List<TopologySummary> getTopologySummaries();

    /** The summary of the running topology whose id is {@code id}. */
    TopologySummary getTopologySummary(String id);

    /** The summary of the running topology named {@code name}. */
    TopologySummary getTopologySummaryByName(String name);

    /** The configuration of a running topology, as JSON. */
    String getTopologyConf(String id);

    /** Gives a running topology new credentials, which its {@code ICredentialsListener} components are told of. */
    void uploadNewCredentials(String topologyName, Credentials creds);

    /** Stops a topology now. */
    void killTopology(String topologyName);

    /** Deactivates a topology's spouts and returns; it is {@code KILLED} for the options' wait, then stops. */
    void killTopologyWithOpts(String name, KillOptions options);

    /** Lets a topology's spouts emit again. */
    void activate(String topologyName);

    /** Stops a topology's spouts from emitting. */
    void deactivate(String topologyName);

    /** The topology running under a name. */
    StormTopology getTopology(String topologyName);

    /** Stops every topology. */
    void shutdown();

    @Override
    void close();

    /** Advances simulated time by {@code secs} seconds, one at a time, letting the topologies settle around each. */
    void advanceClusterTime(int secs) throws InterruptedException;

    /** Advances simulated time by {@code secs} seconds in steps of {@code incSecs}. */
    void advanceClusterTime(int secs, int incSecs) throws InterruptedException;
}
