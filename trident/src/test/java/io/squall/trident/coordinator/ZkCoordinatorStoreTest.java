package io.squall.trident.coordinator;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZkCoordinatorStoreTest extends CoordinatorStoreContract {
    private static TestingServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new TestingServer(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    CoordinatorStore open(String txStateId) {
        return new ZkCoordinatorStore(server.getConnectString(), "/squall/trident", txStateId, 10_000);
    }

    @Test
    void keepsTheCommittedTxidUnderTheStreamsPath() throws Exception {
        String id = UUID.randomUUID().toString();
        try (CoordinatorStore s = open(id)) {
            s.setCommittedTxid(7);
        }
        try (CuratorFramework client = CuratorFrameworkFactory.newClient(server.getConnectString(),
                new RetryOneTime(100))) {
            client.start();
            byte[] data = client.getData().forPath("/squall/trident/" + id + "/committed");
            assertEquals("7", new String(data, StandardCharsets.UTF_8));
        }
    }

    @Test
    void isChosenWhenTheConfigNamesZooKeeperServers() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(CoordinatorStores.ZK_SERVERS, List.of("127.0.0.1"));
        conf.put(CoordinatorStores.ZK_PORT, server.getPort());
        try (CoordinatorStore s = CoordinatorStores.open(conf, UUID.randomUUID().toString())) {
            assertInstanceOf(ZkCoordinatorStore.class, s);
        }
        try (CoordinatorStore s = CoordinatorStores.open(new HashMap<>(), "x")) {
            assertInstanceOf(InMemoryCoordinatorStore.class, s);
        }
    }

    @Test
    void rejectsMistypedZooKeeperKeysNamingThem() {
        Map<String, Object> conf = new HashMap<>();
        conf.put(CoordinatorStores.ZK_SERVERS, "localhost");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorStores.open(conf, "x"));
        assertTrue(e.getMessage().contains(CoordinatorStores.ZK_SERVERS), e.getMessage());
    }

    @Test
    void failsClearlyWhenZooKeeperCannotBeReached() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String connect = "127.0.0.1:" + port;
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ZkCoordinatorStore(connect, "/squall/trident", "x", 500));
        assertTrue(e.getMessage().contains(connect), e.getMessage());
    }
}
