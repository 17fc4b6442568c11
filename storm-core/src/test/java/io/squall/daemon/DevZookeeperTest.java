package io.squall.daemon;

import io.squall.config.DaemonConfig;
import org.apache.zookeeper.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevZookeeperTest {
    @TempDir
    Path dir;

    @Test
    void bindsLoopbackByDefault() throws Exception {
        ServerConfig sc = DevZookeeper.serverConfig(DaemonConfig.load(null, List.of("dev.zookeeper.path=" + dir,
                "storm.zookeeper.port=2999")));
        assertTrue(sc.getClientPortAddress().getAddress().isLoopbackAddress(), sc.getClientPortAddress().toString());
        assertEquals(2999, sc.getClientPortAddress().getPort());
    }

    @Test
    void bindsTheAddressItIsGiven() throws Exception {
        ServerConfig sc = DevZookeeper.serverConfig(DaemonConfig.load(null, List.of("dev.zookeeper.path=" + dir,
                "dev.zookeeper.host=0.0.0.0")));
        assertTrue(sc.getClientPortAddress().getAddress().isAnyLocalAddress(), sc.getClientPortAddress().toString());
    }
}
