package io.squall.daemon.ui;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.DRPC;
import io.squall.drpc.DRPCSpout;
import io.squall.drpc.LinearDRPCTopologyBuilder;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.FailedException;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.DRPCClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cluster page's DRPC servers table in headless Chromium: a server that answers shows one row per function with
 * its requests, served, failed and timed-out counts, which follow new requests without a reload; a configured
 * server that does not answer is listed as down with the reason.
 */
@Timeout(120)
class DrpcBrowserIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);

    private DrpcServer drpc;
    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    @BeforeEach
    void start() throws Exception {
        drpc = new DrpcServer("127.0.0.1", 0, 60_000);
        cluster = new LocalCluster();
        Config conf = new Config();
        conf.put(DRPCSpout.SERVERS, List.of("127.0.0.1"));
        conf.put(DRPCSpout.PORT, drpc.port());
        conf.put(DRPC.REQUEST_TIMEOUT_SECS, 60);
        LinearDRPCTopologyBuilder exclaim = new LinearDRPCTopologyBuilder("exclaim");
        exclaim.addBolt(new Exclaim(), 2);
        cluster.submitTopology("exclaim", conf, exclaim.createRemoteTopology());
        // The server binds 127.0.0.1 only, so the same port on 127.0.0.2 refuses connections: a server that is down.
        DrpcServers servers = DrpcServers.fromConfig(Map.of(DrpcServers.SERVERS, List.of("127.0.0.1", "127.0.0.2"),
                DrpcServers.PORT, drpc.port()));
        server = new DashboardServer(new LocalClusterView(cluster), servers, "127.0.0.1", 0, 500);
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(browser, server, cluster, drpc);
    }

    /** Answers a request with its argument and an exclamation mark; fails the request "boom". */
    public static class Exclaim extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple tuple, BasicOutputCollector collector) {
            if ("boom".equals(tuple.getString(1))) {
                throw new FailedException("boom fails");
            }
            collector.emit(new Values(tuple.getValue(0), tuple.getString(1) + "!"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "result"));
        }
    }

    /** The text of a count cell of the row for {@code function} on the up server, or "" if there is none yet. */
    private String cell(String function, String field) {
        return browser.script("var r = document.querySelector('#drpc-table tr[data-server=\"' + arguments[0]"
                + " + '\"][data-function=\"' + arguments[1] + '\"] td[data-field=\"' + arguments[2] + '\"]');"
                + " return r ? r.textContent : '';", "127.0.0.1:" + drpc.port(), function, field).asText();
    }

    @Test
    void listsEachServerWithItsCountsPerFunctionAndOneThatIsDown() throws Exception {
        try (DRPCClient client = new DRPCClient(Map.of(), "127.0.0.1", drpc.port())) {
            for (String word : List.of("a", "b", "c")) {
                assertEquals(word + "!", client.execute("exclaim", word));
            }
            DRPCExecutionException failed = assertThrows(DRPCExecutionException.class,
                    () -> client.execute("exclaim", "boom"));
            assertEquals(DRPCExceptionType.FAILED_REQUEST, failed.getType(), failed.getMessage());

            browser.open(server.url() + "#/");
            Await.until(DEADLINE, () -> "3".equals(cell("exclaim", "served")),
                    () -> "the exclaim row with 3 served: " + table());
            assertEquals("4", cell("exclaim", "requests"));
            assertEquals("1", cell("exclaim", "failed"));
            assertEquals("0", cell("exclaim", "timedOut"));
            String down = table();
            assertTrue(down.contains("127.0.0.2:" + drpc.port()) && down.contains("down:"), down);

            assertEquals("d!", client.execute("exclaim", "d"));
            Await.until(DEADLINE, () -> "4".equals(cell("exclaim", "served"))
                    && "5".equals(cell("exclaim", "requests")), () -> "the new request counted without a reload: "
                    + table());
        }
    }

    private String table() {
        return browser.script("var t = document.getElementById('drpc'); return t ? t.innerText : '';").asText();
    }
}
