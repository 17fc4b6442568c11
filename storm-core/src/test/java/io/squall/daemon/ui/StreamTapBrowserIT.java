package io.squall.daemon.ui;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.metrics.builtin.WorkerMetrics;
import io.squall.runtime.tap.StreamTap;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.tap.TapKey;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Taps a stream of a running topology from its component page in headless Chromium: opens the tap, sees sampled
 * words arrive without a reload at no more than the rate asked, closes it and sees the worker stop sampling; a tap
 * on a stream the component does not declare is refused with a message naming it.
 */
@Timeout(120)
class StreamTapBrowserIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String TOPOLOGY = "tap-demo";
    private static final TapKey SPLIT = new TapKey("split", "default");
    private static final int RATE = 20;
    private static final Set<String> WORDS = Set.copyOf(Arrays.asList(("the cow jumped over the moon an apple a day"
            + " keeps the doctor away four score and seven years ago snow white and the seven dwarfs i am at two with"
            + " nature").split(" ")));

    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    @BeforeEach
    void start() throws IOException {
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new DashboardBrowserIT.SentenceSpout());
        b.setBolt("split", new DashboardBrowserIT.Split(), 2).shuffleGrouping("sentences");
        b.setBolt("count", new DashboardBrowserIT.Count(), 2).fieldsGrouping("split", new Fields("word"));
        Config conf = new Config();
        conf.setMaxSpoutPending(500);
        cluster.submitTopology(TOPOLOGY, conf, b.createTopology());
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 500);
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(browser, server, cluster);
    }

    private StreamTaps taps() {
        return WorkerMetrics.of(cluster, TOPOLOGY).worker().taps();
    }

    private int rows() {
        return browser.script("return document.querySelectorAll('#tap-table tbody tr').length;").asInt();
    }

    private String text(String id) {
        return browser.script("var e = document.getElementById(arguments[0]); return e ? e.textContent : '';", id)
                .asText();
    }

    @Test
    void tapsAStreamFromTheComponentPageAndClosesIt() {
        browser.open(server.url() + "#/topology/" + TOPOLOGY);
        Await.until(DEADLINE, () -> browser.script("return document.querySelectorAll("
                + "'#bolts-table td[data-field=\"id\"] a').length;").asInt() == 2, () -> "links to the bolts' pages");
        // One script finds and clicks the link: the table is redrawn every update, so a found element may go stale.
        browser.script("document.querySelector('#bolts-table td[data-component=\"split\"][data-field=\"id\"] a')"
                + ".click();");
        Await.until(DEADLINE, () -> browser.script("var s = document.getElementById('tap-stream');"
                + " return s ? s.options.length : 0;").asInt() == 1, () -> "the component's one stream to pick");
        assertEquals("", taps().open().toString().replace("{}", ""), "no tap before one is opened");

        browser.script("document.getElementById('tap-rate').value = arguments[0];", String.valueOf(RATE));
        browser.click("#tap-toggle");
        Await.until(DEADLINE, () -> rows() >= 10, () -> "sampled tuples on the page (" + rows() + ")");
        long openedNanos = System.nanoTime();
        StreamTap tap = taps().open().get(SPLIT);
        assertEquals(RATE, tap.maxPerSec());
        assertTrue(text("tap-status").startsWith("Tap open on split / default at most " + RATE + "/s"),
                text("tap-status"));
        String word = browser.script("return JSON.parse(document.querySelector('#tap-table tbody tr td.tap-values')"
                + ".textContent)[0];").asText();
        assertTrue(WORDS.contains(word), "a word of the sentences: " + word);

        int before = rows();
        Await.until(DEADLINE, () -> rows() > before, () -> "more tuples arriving without a reload");
        long seen = tap.seen();
        long sampled = tap.sampled();
        double secs = (System.nanoTime() - openedNanos) / 1e9 + 30; // generous: the page showed 10 before openedNanos
        assertTrue(seen > 10 * sampled, "a busy stream is sampled, not copied: seen " + seen + ", sampled " + sampled);
        assertTrue(sampled <= RATE * secs + 1, sampled + " samples in under " + secs + " s at " + RATE + "/s");
        assertEquals(0, tap.dropped(), "the page keeps up with " + RATE + "/s");

        browser.click("#tap-toggle");
        Await.until(DEADLINE, () -> taps().open().isEmpty(), () -> "the worker's tap closed");
        assertEquals("Tap closed.", text("tap-status"));

        browser.script("state.ws.send(JSON.stringify({tap: {topology: arguments[0], component: 'split',"
                + " stream: 'words', maxPerSec: 5}}));", TOPOLOGY);
        Await.until(DEADLINE, () -> text("tap-status").contains("declares no stream 'words'"),
                () -> "the refusal of an unknown stream, shown: " + text("tap-status"));
        assertEquals(Map.of(), taps().open());

        browser.click("#tap-toggle");
        Await.until(DEADLINE, () -> taps().open().containsKey(SPLIT), () -> "a tap open again");
        browser.open(server.url() + "#/");
        Await.until(DEADLINE, () -> taps().open().isEmpty(), () -> "the tap closed when the page moved on");
    }
}
