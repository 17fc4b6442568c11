package io.squall.daemon.ui;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.runtime.state.WindowFixtures;
import io.squall.runtime.state.WindowFixtures.ReadingSpout;
import io.squall.runtime.state.WindowFixtures.WindowRecorder;
import io.squall.state.InMemoryKeyValueStateProvider;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checkpoint panel of a topology with a persistent stateful windowed bolt, in headless Chromium: the last
 * committed checkpoint advances without a reload, with its duration and no failures, and the stateful task's row
 * shows its state's size, the tuples its windows hold and its barrier alignment time.
 */
@Timeout(120)
class CheckpointPanelBrowserIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String TOPOLOGY = "checkpoint-panel";

    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    @BeforeEach
    void start() throws IOException {
        WindowFixtures.RUNS.put(TOPOLOGY, new WindowFixtures.Run(100_000));
        InMemoryKeyValueStateProvider.clear(TOPOLOGY);
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new ReadingSpout(TOPOLOGY));
        b.setBolt("windows", new WindowRecorder(TOPOLOGY)
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(2))
                .withTimestampField("ts")
                .withPersistence(), 1).shuffleGrouping("readings");
        Config conf = new Config();
        conf.setMaxSpoutPending(200);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, 200);
        cluster.submitTopology(TOPOLOGY, conf, b.createTopology());
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 500);
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(browser, server, cluster);
        WindowFixtures.RUNS.clear();
    }

    private String text(String selector) {
        return browser.script("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector)
                .asText();
    }

    /** The number a cell shows ("1,234" or "12 ms"), or -1 when it shows none. */
    private long number(String selector) {
        String digits = text(selector).replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    @Test
    void showsCommittedCheckpointsAndEachStatefulTasksState() {
        browser.open(server.url() + "#/topology/" + TOPOLOGY);
        Await.until(DEADLINE, () -> number("#checkpoint-summary [data-field=\"committed-txid\"]") >= 1,
                () -> "a committed checkpoint on the panel: " + text("#checkpoint-summary"));
        assertTrue(browser.script("return getComputedStyle(document.getElementById('checkpoints-card')).display;")
                .asText().equals("block"), "the panel shows for a topology with stateful bolts");
        long first = number("#checkpoint-summary [data-field=\"committed-txid\"]");
        Await.until(DEADLINE, () -> number("#checkpoint-summary [data-field=\"committed-txid\"]") > first + 2,
                () -> "later checkpoints without a reload: " + text("#checkpoint-summary"));
        assertEquals("0", text("#checkpoint-summary [data-field=\"failures\"]"));
        assertTrue(number("#checkpoint-summary [data-field=\"duration-ms\"]") >= 0, text("#checkpoint-summary"));

        String row = "#checkpoint-table tr[data-component=\"windows\"] ";
        Await.until(DEADLINE, () -> number(row + "[data-field=\"state-size\"]") >= 2,
                () -> "the window bolt's state: " + text("#checkpoint-table"));
        assertTrue(number(row + "[data-field=\"window-tuples\"]") >= 0, "tuples held: " + text(row));
        assertTrue(number(row + "[data-field=\"alignment-ms\"]") >= 0, "alignment time: " + text(row));
        assertTrue(number(row + "[data-field=\"last-keys\"]") >= 0, "keys written: " + text(row));
    }
}
