package io.squall.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.errors.SquallException;
import io.squall.security.SecuritySettings;
import io.squall.security.ZookeeperAcls;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's state in ZooKeeper, through Curator: JSON values under a root (default {@code /squall}).
 *
 * <pre>
 *   /nimbus/leader                           leader latch of the Nimbus daemons
 *   /supervisors/&lt;id&gt;                        ephemeral {@link SupervisorInfo}
 *   /topologies/&lt;topologyId&gt;                 {@link TopologyInfo}
 *   /assignments/&lt;topologyId&gt;                {@link Assignment}
 *   /workerbeats/&lt;topologyId&gt;/&lt;sup-port&gt;     {@link WorkerBeat}
 *   /errors/&lt;topologyId&gt;/&lt;component&gt;        the last {@link TaskError}s of a component
 * </pre>
 *
 * With a cluster secret ({@code squall.cluster.secret.file}) the client authenticates with ZooKeeper's digest
 * scheme and creates every znode readable and writable by that digest only ({@link ZookeeperAcls}).
 *
 * <p>Thread-safe (Curator is). Failures to reach ZooKeeper are {@link SquallException}s naming the path.
 */
public final class ClusterState implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterState.class);
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CuratorFramework curator;
    private final String root;
    private final AtomicLong connectionChanges;

    private ClusterState(CuratorFramework curator, String root, AtomicLong connectionChanges) {
        this.curator = curator;
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.connectionChanges = connectionChanges;
    }

    /**
     * Connects to the ZooKeeper ensemble of the configuration and waits for the connection.
     *
     * @throws SquallException if ZooKeeper cannot be reached within the connection timeout
     */
    public static ClusterState connect(DaemonConfig conf) {
        StringBuilder servers = new StringBuilder();
        int port = conf.getInt(ConfigKeys.STORM_ZOOKEEPER_PORT);
        for (String host : conf.getStrings(ConfigKeys.STORM_ZOOKEEPER_SERVERS)) {
            if (servers.length() > 0) {
                servers.append(',');
            }
            servers.append(host.contains(":") ? host : host + ":" + port);
        }
        int connectMs = conf.getInt(ConfigKeys.STORM_ZOOKEEPER_CONNECTION_TIMEOUT);
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder().connectString(servers.toString())
                .sessionTimeoutMs(conf.getInt(ConfigKeys.STORM_ZOOKEEPER_SESSION_TIMEOUT))
                .connectionTimeoutMs(connectMs)
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 2000));
        CuratorFramework c = ZookeeperAcls.apply(builder, SecuritySettings.of(conf).secret()).build();
        AtomicLong changes = new AtomicLong();
        c.getConnectionStateListenable().addListener((client, change) -> {
            if (change != ConnectionState.CONNECTED) {
                changes.incrementAndGet();
            }
            switch (change) {
                case SUSPENDED -> LOG.warn("ZooKeeper connection to {} suspended; retrying", client
                        .getZookeeperClient().getCurrentConnectionString());
                case LOST -> LOG.warn("ZooKeeper session lost; ephemeral registrations and heartbeats are made "
                        + "again once a new session starts");
                case RECONNECTED -> LOG.info("ZooKeeper connection back");
                default -> LOG.debug("ZooKeeper connection {}", change);
            }
        });
        c.start();
        try {
            if (!c.blockUntilConnected(connectMs, TimeUnit.MILLISECONDS)) {
                c.close();
                throw new SquallException("Cannot reach ZooKeeper at " + servers + " within " + connectMs
                        + " ms (storm.zookeeper.servers, storm.zookeeper.port); is it running?");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new SquallException("Interrupted while connecting to ZooKeeper at " + servers);
        }
        return new ClusterState(c, conf.getString(ConfigKeys.STORM_ZOOKEEPER_ROOT), changes);
    }

    /**
     * How many times the connection to ZooKeeper was suspended, lost or came back since this client connected: a
     * caller that sees it change knows ZooKeeper was out of reach meanwhile, even if its own calls only waited.
     */
    public long connectionChanges() {
        return connectionChanges.get();
    }

    /** The Curator client, for recipes (the leader latch). */
    public CuratorFramework curator() {
        return curator;
    }

    /** The full path of a node under the root. */
    public String path(String relative) {
        return root + relative;
    }

    /**
     * Registers a supervisor for as long as the returned registration is open. The node is ephemeral, so it
     * vanishes when the session ends (the supervisor died or was cut off from ZooKeeper for longer than the
     * session timeout); Curator's persistent node recipe creates it again in the next session, so a
     * supervisor that lost its session is listed again as soon as it reconnects.
     */
    public Registration registerSupervisor(SupervisorInfo info) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(info);
        } catch (IOException e) {
            throw new SquallException("Cannot encode supervisor " + info.id() + ": " + e.getMessage(), e);
        }
        PersistentNode node = new PersistentNode(curator, CreateMode.EPHEMERAL, false,
                path("/supervisors/" + info.id()), bytes);
        node.start();
        try {
            if (!node.waitForInitialCreate(curator.getZookeeperClient().getConnectionTimeoutMs(),
                    TimeUnit.MILLISECONDS)) {
                LOG.warn("Supervisor {} not registered in ZooKeeper yet; it will be once ZooKeeper answers", info.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return () -> {
            try {
                node.close();
            } catch (IOException e) {
                LOG.warn("Cannot remove supervisor {} from ZooKeeper: {}; it goes with the session", info.id(),
                        e.toString());
            }
        };
    }

    /** A registration that lasts until closed. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** Every live supervisor. */
    public List<SupervisorInfo> supervisors() {
        return readAll("/supervisors", SupervisorInfo.class);
    }

    /** Writes a topology's state. */
    public void setTopology(TopologyInfo info) {
        write("/topologies/" + info.id(), info, CreateMode.PERSISTENT);
    }

    /** A topology by id, or null. */
    public TopologyInfo topology(String id) {
        return read("/topologies/" + id, TopologyInfo.class);
    }

    /** Every topology. */
    public List<TopologyInfo> topologies() {
        return readAll("/topologies", TopologyInfo.class);
    }

    /** Writes an assignment. */
    public void setAssignment(Assignment a) {
        write("/assignments/" + a.topologyId(), a, CreateMode.PERSISTENT);
    }

    /** A topology's assignment, or null. */
    public Assignment assignment(String topologyId) {
        return read("/assignments/" + topologyId, Assignment.class);
    }

    /** Every assignment. */
    public List<Assignment> assignments() {
        return readAll("/assignments", Assignment.class);
    }

    /**
     * Writes a worker's heartbeat (ephemeral: it goes with the worker's session). Each beat creates the node
     * again if a lost session took it, so heartbeats survive a session loss.
     */
    public void workerBeat(String topologyId, String supervisorId, int port, WorkerBeat beat) {
        write("/workerbeats/" + topologyId + "/" + supervisorId + "-" + port, beat, CreateMode.EPHEMERAL);
    }

    /** A worker's last heartbeat, or null. */
    public WorkerBeat workerBeat(String topologyId, String supervisorId, int port) {
        return read("/workerbeats/" + topologyId + "/" + supervisorId + "-" + port, WorkerBeat.class);
    }

    /**
     * Adds errors of a component to the ones kept, keeping the {@code keep} newest. Workers of a topology
     * may race here; the loser's errors may be dropped from the list, never the node corrupted.
     */
    public void reportErrors(String topologyId, String component, List<TaskError> newErrors, int keep) {
        String relative = "/errors/" + topologyId + "/" + component;
        TaskError[] old = read(relative, TaskError[].class);
        List<TaskError> all = new ArrayList<>(old == null ? List.of() : List.of(old));
        all.addAll(newErrors);
        all.sort(Comparator.comparingLong(TaskError::timeMs));
        write(relative, all.subList(Math.max(0, all.size() - keep), all.size()), CreateMode.PERSISTENT);
    }

    /** The errors kept for each component of a topology that reported any. */
    public Map<String, List<TaskError>> errors(String topologyId) {
        Map<String, List<TaskError>> out = new TreeMap<>();
        List<String> components;
        try {
            components = curator.getChildren().forPath(path("/errors/" + topologyId));
        } catch (KeeperException.NoNodeException e) {
            return out;
        } catch (Exception e) {
            throw new SquallException("Cannot list " + path("/errors/" + topologyId) + " in ZooKeeper: " + e, e);
        }
        for (String c : components) {
            TaskError[] errors = read("/errors/" + topologyId + "/" + c, TaskError[].class);
            if (errors != null) {
                out.put(c, List.of(errors));
            }
        }
        return out;
    }

    /**
     * Writes a topology's credentials (Storm's: what its {@code ICredentialsListener} components are told), readable
     * by the daemons and workers as every znode here is (by the cluster secret's digest when there is one).
     */
    public void setCredentials(String topologyId, Map<String, String> credentials) {
        write("/credentials/" + topologyId, credentials, CreateMode.PERSISTENT);
    }

    /** A topology's credentials; empty when it has none. */
    @SuppressWarnings("unchecked")
    public Map<String, String> credentials(String topologyId) {
        Map<String, String> c = read("/credentials/" + topologyId, Map.class);
        return c == null ? Map.of() : c;
    }

    /** Records a removed topology in the history. */
    public void addHistory(TopologyHistory h) {
        write("/history/" + h.id(), h, CreateMode.PERSISTENT);
    }

    /** The removed topologies recorded, in no order. */
    public List<TopologyHistory> history() {
        return readAll("/history", TopologyHistory.class);
    }

    /** Forgets a removed topology. */
    public void deleteHistory(String topologyId) {
        delete("/history/" + topologyId);
    }

    /** Removes a topology, its assignment, its heartbeats, its errors and its credentials. */
    public void removeTopology(String topologyId) {
        delete("/credentials/" + topologyId);
        delete("/errors/" + topologyId);
        delete("/assignments/" + topologyId);
        delete("/workerbeats/" + topologyId);
        delete("/topologies/" + topologyId);
    }

    private void write(String relative, Object value, CreateMode mode) {
        String p = path(relative);
        try {
            byte[] bytes = JSON.writeValueAsBytes(value);
            try {
                curator.setData().forPath(p, bytes);
            } catch (KeeperException.NoNodeException e) {
                try {
                    curator.create().creatingParentContainersIfNeeded().withMode(mode).forPath(p, bytes);
                } catch (KeeperException.NodeExistsException raced) {
                    curator.setData().forPath(p, bytes);
                }
            }
        } catch (Exception e) {
            throw new SquallException("Cannot write " + p + " in ZooKeeper: " + e, e);
        }
    }

    private <T> T read(String relative, Class<T> type) {
        String p = path(relative);
        try {
            return JSON.readValue(curator.getData().forPath(p), type);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (IOException e) {
            throw new SquallException("Node " + p + " in ZooKeeper does not hold a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new SquallException("Cannot read " + p + " from ZooKeeper: " + e, e);
        }
    }

    private <T> List<T> readAll(String relative, Class<T> type) {
        List<T> out = new ArrayList<>();
        List<String> children;
        try {
            children = curator.getChildren().forPath(path(relative));
        } catch (KeeperException.NoNodeException e) {
            return out;
        } catch (Exception e) {
            throw new SquallException("Cannot list " + path(relative) + " in ZooKeeper: " + e, e);
        }
        for (String child : children) {
            T v = read(relative + "/" + child, type);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private void delete(String relative) {
        try {
            curator.delete().guaranteed().deletingChildrenIfNeeded().forPath(path(relative));
        } catch (KeeperException.NoNodeException e) {
            // Already gone: nothing to do.
        } catch (Exception e) {
            throw new SquallException("Cannot delete " + path(relative) + " from ZooKeeper: " + e, e);
        }
    }

    @Override
    public void close() {
        curator.close();
    }
}
