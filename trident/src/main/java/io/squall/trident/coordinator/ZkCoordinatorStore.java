package io.squall.trident.coordinator;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A coordinator store in ZooKeeper, through Curator: {@code <root>/<txStateId>/committed} holds the last
 * committed txid as decimal text, {@code <root>/<txStateId>/meta/<partition key, URL-encoded>/<txid>} each batch's metadata
 * (txids zero-padded so they sort). Thread-safe (Curator is).
 */
public final class ZkCoordinatorStore implements CoordinatorStore {
    private final CuratorFramework client;
    private final String base;

    /**
     * Connects to ZooKeeper, waiting up to {@code connectTimeoutMs} for the connection.
     *
     * @param connectString {@code host:port[,host:port...]}
     * @param root          the parent path of every transactional stream, such as {@code /squall/trident}
     * @param txStateId     the stream's id
     * @throws IllegalStateException naming the servers if no connection is made in time
     */
    public ZkCoordinatorStore(String connectString, String root, String txStateId, int connectTimeoutMs) {
        this.client = CuratorFrameworkFactory.builder().connectString(connectString)
                .retryPolicy(new ExponentialBackoffRetry(200, 5)).connectionTimeoutMs(connectTimeoutMs).build();
        this.base = (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/" + txStateId;
        client.start();
        try {
            if (!client.blockUntilConnected(connectTimeoutMs, TimeUnit.MILLISECONDS)) {
                client.close();
                throw new IllegalStateException("Cannot reach ZooKeeper at '" + connectString + "' within "
                        + connectTimeoutMs + " ms for the Trident coordinator of '" + txStateId + "'");
            }
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while connecting to ZooKeeper at " + connectString, e);
        }
    }

    @Override
    public long committedTxid() {
        byte[] b = read(base + "/committed");
        return b == null ? 0 : Long.parseLong(new String(b, StandardCharsets.UTF_8));
    }

    @Override
    public void setCommittedTxid(long txid) {
        write(base + "/committed", Long.toString(txid).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] meta(String partition, long txid) {
        return read(metaPath(partition, txid));
    }

    @Override
    public Map.Entry<Long, byte[]> metaBefore(String partition, long txid) {
        long best = -1;
        for (String child : children(partition)) {
            long t = Long.parseLong(child);
            if (t < txid && t > best) {
                best = t;
            }
        }
        if (best < 0) {
            return null;
        }
        byte[] b = read(metaPath(partition, best));
        return b == null ? null : new AbstractMap.SimpleImmutableEntry<>(best, b);
    }

    @Override
    public void putMeta(String partition, long txid, byte[] meta) {
        write(metaPath(partition, txid), meta);
    }

    @Override
    public void pruneMetaBefore(String partition, long txid) {
        for (String child : children(partition)) {
            if (Long.parseLong(child) < txid) {
                try {
                    client.delete().quietly().forPath(partitionPath(partition) + "/" + child);
                } catch (Exception e) {
                    throw failure("delete", partitionPath(partition) + "/" + child, e);
                }
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private String partitionPath(String partition) {
        return base + "/meta/" + URLEncoder.encode(partition, StandardCharsets.UTF_8);
    }

    private String metaPath(String partition, long txid) {
        return partitionPath(partition) + "/" + String.format("%020d", txid);
    }

    private List<String> children(String partition) {
        try {
            return client.getChildren().forPath(partitionPath(partition));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure("list", partitionPath(partition), e);
        }
    }

    private byte[] read(String path) {
        try {
            return client.getData().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw failure("read", path, e);
        }
    }

    private void write(String path, byte[] data) {
        try {
            client.create().orSetData().creatingParentsIfNeeded().forPath(path, data);
        } catch (Exception e) {
            throw failure("write", path, e);
        }
    }

    private static IllegalStateException failure(String what, String path, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("ZooKeeper " + what + " of " + path + " failed: " + e.getMessage(), e);
    }
}
