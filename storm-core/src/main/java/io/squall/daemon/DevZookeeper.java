package io.squall.daemon;

import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import io.squall.errors.SquallException;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A single-node ZooKeeper server for development ({@code bin/squall dev-zookeeper}): ZooKeeper's own server
 * on {@code dev.zookeeper.host} (loopback unless told otherwise) and {@code storm.zookeeper.port}, data in
 * {@code dev.zookeeper.path}. Not for production: no replication, no authentication.
 */
public final class DevZookeeper {
    private static final Logger LOG = LoggerFactory.getLogger(DevZookeeper.class);

    private DevZookeeper() {
    }

    /** Runs the server until the process is stopped. */
    public static void run(DaemonConfig conf) throws Exception {
        ServerConfig sc = serverConfig(conf);
        // The admin server would take port 8080, which is no use here and may be taken.
        System.setProperty("zookeeper.admin.enableServer", "false");
        LOG.info("Development ZooKeeper on {}, data in {}", sc.getClientPortAddress(), sc.getDataDir());
        try {
            new ZooKeeperServerMain().runFromConfig(sc);
        } catch (RuntimeException e) {
            throw new SquallException("ZooKeeper could not start on " + sc.getClientPortAddress() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The server's settings: its address and port, and its data directory (created if missing). */
    static ServerConfig serverConfig(DaemonConfig conf) throws IOException {
        String dir = conf.getString(ConfigKeys.DEV_ZOOKEEPER_PATH);
        Path data = dir != null ? Path.of(dir) : Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "dev-zookeeper");
        Files.createDirectories(data);
        Properties p = new Properties();
        p.setProperty("dataDir", data.toAbsolutePath().toString());
        p.setProperty("clientPort", String.valueOf(conf.getInt(ConfigKeys.STORM_ZOOKEEPER_PORT)));
        p.setProperty("clientPortAddress", conf.getString(ConfigKeys.DEV_ZOOKEEPER_HOST));
        QuorumPeerConfig qc = new QuorumPeerConfig();
        try {
            qc.parseProperties(p);
        } catch (QuorumPeerConfig.ConfigException e) {
            throw new SquallException("Bad dev-zookeeper settings (dev.zookeeper.host, storm.zookeeper.port, "
                    + "dev.zookeeper.path): " + e.getMessage(), e);
        }
        ServerConfig sc = new ServerConfig();
        sc.readFrom(qc);
        return sc;
    }
}
