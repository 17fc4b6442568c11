package io.squall.daemon;

import io.squall.SquallException;
import io.squall.config.ConfigKeys;
import io.squall.config.DaemonConfig;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A single-node ZooKeeper server for development ({@code bin/squall dev-zookeeper}): ZooKeeper's own server
 * on {@code storm.zookeeper.port}, data in {@code dev.zookeeper.path}. Not for production: no replication.
 */
public final class DevZookeeper {
    private static final Logger LOG = LoggerFactory.getLogger(DevZookeeper.class);

    private DevZookeeper() {
    }

    /** Runs the server until the process is stopped. */
    public static void run(DaemonConfig conf) throws Exception {
        String dir = conf.getString(ConfigKeys.DEV_ZOOKEEPER_PATH);
        Path data = dir != null ? Path.of(dir) : Path.of(conf.getString(ConfigKeys.STORM_LOCAL_DIR), "dev-zookeeper");
        Files.createDirectories(data);
        int port = conf.getInt(ConfigKeys.STORM_ZOOKEEPER_PORT);
        // The admin server would take port 8080, which is no use here and may be taken.
        System.setProperty("zookeeper.admin.enableServer", "false");
        ServerConfig sc = new ServerConfig();
        sc.parse(new String[] {String.valueOf(port), data.toAbsolutePath().toString()});
        LOG.info("Development ZooKeeper on port {}, data in {}", port, data.toAbsolutePath());
        try {
            new ZooKeeperServerMain().runFromConfig(sc);
        } catch (RuntimeException e) {
            throw new SquallException("ZooKeeper could not start on port " + port + ": " + e.getMessage(), e);
        }
    }
}
