package io.squall.thrift;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.testing.TestWordSpout;
import io.squall.thrift.transport.TTransportException;
import io.squall.topology.AlreadyAliveException;
import io.squall.topology.KillOptions;
import io.squall.topology.NotAliveException;
import io.squall.topology.TopologyBuilder;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm code that catches {@code TException} around its client calls catches the same failures here. */
class TExceptionTest {

    /** What a Storm program's {@code try { ... } catch (TException e) { ... }} around {@code call} catches. */
    private static TException caught(Runnable call) {
        try {
            call.run();
        } catch (TException e) {
            return e;
        }
        return null;
    }

    @Test
    void nimbusErrorsOfALocalClusterAreTExceptions() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("once", new Config(), b.createTopology());
            TException twice = caught(() -> cluster.submitTopology("once", new Config(), b.createTopology()));
            assertInstanceOf(AlreadyAliveException.class, twice);
            TException ghost = caught(() -> cluster.getNimbus().killTopologyWithOpts("ghost", new KillOptions()));
            assertInstanceOf(NotAliveException.class, ghost);
            assertTrue(ghost.getMessage().contains("'ghost'"), ghost.getMessage());
        }
    }

    @Test
    void aNimbusThatCannotBeReachedIsATransportExceptionNamingTheSeeds() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, Object> conf = Map.of(Config.NIMBUS_SEEDS, List.of("127.0.0.1:" + port));
        TException e = caught(() -> NimbusClient.Builder.withConf(conf).build().getClient().getClusterInfo());
        assertNotNull(e);
        TTransportException t = assertInstanceOf(TTransportException.class, e);
        assertEquals(TTransportException.NOT_OPEN, t.getType());
        assertTrue(t.getMessage().contains("127.0.0.1:" + port) && t.getMessage().contains("nimbus.seeds"),
                t.getMessage());
    }
}
