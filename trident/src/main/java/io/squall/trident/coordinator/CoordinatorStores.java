package io.squall.trident.coordinator;

import io.squall.Config;

import java.util.List;
import java.util.Map;

/**
 * Chooses the coordinator store from the topology config: ZooKeeper when {@value #ZK_SERVERS} is set (Storm's
 * keys), otherwise this process's memory.
 */
public final class CoordinatorStores {
    /** ZooKeeper hosts of the Trident coordinator state (a list of host names). */
    public static final String ZK_SERVERS = Config.TRANSACTIONAL_ZOOKEEPER_SERVERS;
    /** Their client port; 2181 when unset. */
    public static final String ZK_PORT = Config.TRANSACTIONAL_ZOOKEEPER_PORT;
    /** The parent path of every stream's coordinator state; {@value #DEFAULT_ROOT} when unset. */
    public static final String ZK_ROOT = Config.TRANSACTIONAL_ZOOKEEPER_ROOT;
    /** Default of {@link #ZK_ROOT}. */
    public static final String DEFAULT_ROOT = "/squall/trident";

    private static final int CONNECT_TIMEOUT_MS = 15_000;

    private CoordinatorStores() {
    }

    /**
     * The store of {@code txStateId} for a topology config.
     *
     * @throws IllegalArgumentException naming the key if the ZooKeeper keys have the wrong type
     */
    public static CoordinatorStore open(Map<String, Object> conf, String txStateId) {
        Object servers = conf.get(ZK_SERVERS);
        if (servers == null) {
            return new InMemoryCoordinatorStore(txStateId);
        }
        if (!(servers instanceof List<?> hosts) || hosts.isEmpty()) {
            throw new IllegalArgumentException(ZK_SERVERS + " must be a non-empty list of host names, got " + servers);
        }
        Object port = conf.getOrDefault(ZK_PORT, 2181);
        if (!(port instanceof Number)) {
            throw new IllegalArgumentException(ZK_PORT + " must be a number, got " + port);
        }
        Object root = conf.getOrDefault(ZK_ROOT, DEFAULT_ROOT);
        if (!(root instanceof String r) || !r.startsWith("/")) {
            throw new IllegalArgumentException(ZK_ROOT + " must be a path starting with '/', got " + root);
        }
        StringBuilder connect = new StringBuilder();
        for (Object h : hosts) {
            if (connect.length() > 0) {
                connect.append(',');
            }
            connect.append(h).append(':').append(((Number) port).intValue());
        }
        return new ZkCoordinatorStore(connect.toString(), r, txStateId, CONNECT_TIMEOUT_MS);
    }
}
