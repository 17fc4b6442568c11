package io.squall.daemon.ui;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's list of DRPC servers as Storm's keys configure it. */
class DrpcServersTest {
    @Test
    void listsNoServerWithoutDrpcServers() {
        assertEquals(List.of(), DrpcServers.fromConfig(Map.of()).status());
    }

    @Test
    void refusesValuesOfTheWrongTypeNamingTheKey() {
        IllegalArgumentException servers = assertThrows(IllegalArgumentException.class,
                () -> DrpcServers.fromConfig(Map.of("drpc.servers", "host1")));
        assertTrue(servers.getMessage().contains("drpc.servers must be a list"), servers.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> DrpcServers.fromConfig(Map.of("drpc.servers", List.of("h"), "drpc.http.port", "x")));
        assertTrue(port.getMessage().contains("drpc.http.port must be a port number"), port.getMessage());
    }
}
