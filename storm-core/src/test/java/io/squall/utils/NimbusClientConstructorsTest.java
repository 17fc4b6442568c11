package io.squall.utils;

import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.thrift.transport.TTransportException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's ways to make a Nimbus client reach the Nimbus they name (here: one that is not there). */
class NimbusClientConstructorsTest {
    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void callsOnly(NimbusClient client, String seed) {
        TTransportException e = assertThrows(TTransportException.class, () -> client.getClient().getClusterInfo());
        assertTrue(e.getMessage().contains("[" + seed + "]"), e.getMessage());
    }

    @Test
    void aHostAndPortOrTheConfiguredPortNameTheOneNimbusCalled() throws IOException {
        int port = freePort();
        callsOnly(new NimbusClient(Map.of(), "127.0.0.1", port, null), "127.0.0.1:" + port);
        callsOnly(new NimbusClient(Map.of(), "127.0.0.1", port, 30_000, "alice", false), "127.0.0.1:" + port);
        callsOnly(new NimbusClient(Map.of(ConfigKeys.NIMBUS_PORT.name(), port), "127.0.0.1"), "127.0.0.1:" + port);
        assertThrows(IllegalArgumentException.class, () -> new NimbusClient(Map.of(), " "));
    }

    @Test
    void getConfiguredClientAsIsTheConfiguredClient() throws IOException {
        int port = freePort();
        Map<String, Object> conf = Map.of(Config.NIMBUS_SEEDS, List.of("127.0.0.1:" + port));
        callsOnly(NimbusClient.getConfiguredClientAs(conf, "alice"), "127.0.0.1:" + port);
        callsOnly(NimbusClient.getConfiguredClientAs(conf, "alice", 1000), "127.0.0.1:" + port);
    }
}
