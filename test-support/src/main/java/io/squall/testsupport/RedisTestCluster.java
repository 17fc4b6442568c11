package io.squall.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster for tests: several {@code redis-server} processes with cluster mode on, on loopback ports,
 * joined by {@code redis-cli --cluster create} into a cluster of masters (no replicas) that share the 16384 hash
 * slots. {@link #close} stops every node and deletes their directories.
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RedisTestCluster implements AutoCloseable {
    private static final long FORM_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(60);

    private final List<RedisServer> nodes;

    private RedisTestCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts {@code masters} nodes (at least 3, as Redis Cluster requires) and forms a cluster of them; returns once
     * every node reports the cluster up with all slots served.
     *
     * @throws IllegalStateException when a node does not start or the cluster does not form, with redis-cli's output
     */
    public static RedisTestCluster start(int masters) {
        if (masters < 3) {
            throw new IllegalArgumentException("Redis Cluster needs at least 3 masters, got " + masters);
        }
        List<RedisServer> nodes = new ArrayList<>();
        RedisTestCluster cluster = new RedisTestCluster(nodes);
        try {
            for (int i = 0; i < masters; i++) {
                nodes.add(RedisServer.startClusterNode());
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes, each a server that can be killed and restarted on its port. */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** {@code host:port} of every node, comma-separated, as storm-redis's examples take them. */
    public String hostPorts() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).collect(Collectors.joining(","));
    }

    private void form() {
        List<String> cmd = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> cmd.add(n.host() + ":" + n.port()));
        cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String output;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run redis-cli (Debian package redis-tools, which redis-server "
                    + "brings)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while forming the Redis cluster", e);
        }
        long deadline = System.nanoTime() + FORM_TIMEOUT_NS;
        for (RedisServer node : nodes) {
            while (true) {
                String info = node.command("CLUSTER", "INFO");
                if (info.contains("cluster_state:ok") && info.contains("cluster_slots_ok:16384")
                        && info.contains("cluster_known_nodes:" + nodes.size())) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("The Redis cluster " + hostPorts() + " did not come up within "
                            + "60 s; node " + node.port() + " says: " + info + "; redis-cli said: " + output);
                }
                LockSupport.parkNanos(20_000_000);
            }
        }
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (RedisServer node : nodes) {
            try {
                node.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
