package io.squall.topologies.clickstream;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the clickstream topology over a scripted spout (the Kafka spout is tested in the Kafka module) with the
 * dashboard, opens {@code /examples/clickstream} in headless Chromium and sees the exact top pages of a first
 * batch of clicks, then the ranking change without a reload when a second batch makes another page the top one.
 */
@Timeout(120)
class ClickstreamPageIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    /** Click lines for the spout; static because the spout runs on a copy made from the serialized topology. */
    private static final Queue<String> CLICKS = new ConcurrentLinkedQueue<>();

    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    /** Emits the queued click lines as Kafka records would arrive: a field {@code value}. */
    public static class ScriptedClicks extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private transient SpoutOutputCollector out;
        private transient long id;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            String line = CLICKS.poll();
            if (line != null) {
                out.emit(new Values(line), id++);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    private static void enqueue(Map<String, Integer> clicks) {
        List<String> lines = new ArrayList<>();
        long now = System.currentTimeMillis();
        clicks.forEach((page, n) -> {
            for (int i = 0; i < n; i++) {
                lines.add(now + " u" + i + " " + page);
            }
        });
        lines.add("not a click");
        Collections.shuffle(lines);
        CLICKS.addAll(lines);
    }

    @BeforeEach
    void start() throws IOException {
        CLICKS.clear();
        cluster = new LocalCluster();
        cluster.submitTopology(ClickstreamTopology.NAME, ClickstreamTopology.config(60, 1),
                ClickstreamTopology.build(new ScriptedClicks(), 60, 1));
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 500);
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(browser, server, cluster);
    }

    /** The ranking on the page as "page=count" items, most clicked first. */
    private List<String> shown() {
        List<String> out = new ArrayList<>();
        browser.script("return Array.from(document.querySelectorAll('#top-pages li')).map(function (li) {"
                + " return li.dataset.page + '=' + li.querySelector('.count').textContent; });")
                .forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void showsTheTopPagesAndFollowsThemLive() {
        browser.open(server.url() + "examples/clickstream");
        enqueue(Map.of("/home", 60, "/cart", 40, "/search", 10));
        Await.until(DEADLINE, () -> shown().equals(List.of("/home=60", "/cart=40", "/search=10")),
                () -> "the first batch's ranking, shown: " + shown());
        int before = browser.script("return +document.body.dataset.rankings;").asInt();

        enqueue(Map.of("/search", 100, "/deals", 5));
        Await.until(DEADLINE, () -> shown().equals(List.of("/search=110", "/home=60", "/cart=40", "/deals=5")),
                () -> "the ranking after the second batch, shown: " + shown());
        assertTrue(browser.script("return +document.body.dataset.rankings;").asInt() > before,
                "updated over the WebSocket");
        assertTrue(browser.script("return document.getElementById('summary').textContent;").asText()
                .startsWith("215 clicks in the window"), "the window's clicks, bad lines not counted");
        assertEquals("clickstream / top-pages", browser.script(
                "return document.getElementById('source').textContent;").asText());
    }
}
