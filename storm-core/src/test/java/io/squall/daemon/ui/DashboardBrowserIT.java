package io.squall.daemon.ui;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opens the dashboard of a running topology in headless Chromium: sees the tables and the graph, sees the
 * figures change without a reload, deactivates the topology through its button and sees the spout stop.
 * With {@code -Ddashboard.screenshots=DIR} it also saves screenshots of the pages there.
 */
@Timeout(180)
class DashboardBrowserIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String TOPOLOGY = "browser-demo";

    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    /** Emits sentences with message ids, about a thousand a second. */
    public static class SentenceSpout extends BaseRichSpout {
        private static final String[] SENTENCES = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
            "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};
        private transient SpoutOutputCollector out;
        private transient long id;
        private transient long nextNanos;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            // Emits when due and otherwise returns at once, so the executor keeps draining acks in between.
            long now = System.nanoTime();
            if (now - nextNanos < 0) {
                return;
            }
            nextNanos = Math.max(nextNanos + 1_000_000, now - 10_000_000);
            out.emit(new Values(SENTENCES[ThreadLocalRandom.current().nextInt(SENTENCES.length)]), id++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits sentences into words; fails one sentence in 500 and reports an error for one in 2000. */
    public static class Split extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
            context.registerGauge("queue-hint", () -> 42);
        }

        @Override
        public void execute(Tuple input) {
            int dice = ThreadLocalRandom.current().nextInt(2000);
            if (dice < 4) {
                out.fail(input);
                return;
            }
            if (dice == 4) {
                out.reportError(new IllegalArgumentException("Cannot split sentence '" + input.getString(0) + "'"));
            }
            for (String w : input.getString(0).split(" ")) {
                out.emit(input, new Values(w));
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words. */
    public static class Count extends BaseRichBolt {
        private transient OutputCollector out;
        private transient Map<String, Integer> counts;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
            counts = new java.util.HashMap<>();
        }

        @Override
        public void execute(Tuple input) {
            counts.merge(input.getString(0), 1, Integer::sum);
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @BeforeEach
    void start() throws IOException {
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout());
        b.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        b.setBolt("count", new Count(), 2).fieldsGrouping("split", new Fields("word"));
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

    private long number(String js) {
        String text = browser.script(js).asText().replace(",", "").trim();
        return text.isEmpty() ? -1 : Long.parseLong(text);
    }

    private long spoutEmitted() {
        return number("var c = document.querySelector('#spouts-table td[data-component=\"sentences\"][data-field=\"emitted\"]');"
                + " return c ? c.textContent : '';");
    }

    private long updates() {
        return number("return String(document.body.dataset.updates || 0);");
    }

    private boolean present(String css) {
        return browser.script("return document.querySelectorAll(arguments[0]).length > 0;", css).asBoolean();
    }

    @Test
    void showsALiveTopologyAndDeactivatesItsSpout() throws IOException {
        browser.open(server.url() + "#/topology/" + TOPOLOGY);
        browser.script("window.loadedOnce = 'yes';");

        Await.until(DEADLINE, () -> present("#spouts-table") && present("#bolts-table"), () -> "spout and bolt tables");
        Await.until(DEADLINE, () -> browser.script("return document.querySelectorAll('#graph-svg g.node').length;").asInt() == 3
                && browser.script("return document.querySelectorAll('#graph-svg g.edge').length;").asInt() == 2,
                () -> "a graph of 3 components and 2 edges");
        assertTrue(present("#bolts-table td[data-component=\"split\"][data-field=\"executed\"]"));
        assertEquals(5, browser.script("return document.querySelectorAll('#tasks-table tbody tr').length;").asInt(),
                "one row per task: 1 spout task, 2 + 2 bolt tasks");
        Await.until(DEADLINE, () -> present("#backpressure h3.worker"), () -> "the backpressure of each worker");
        assertTrue(browser.script("return document.querySelector('#backpressure h3.worker').textContent;").asText()
                .matches("Worker \\S+"), "each worker's backpressure table is labelled with the worker");
        assertTrue(present("#graph-svg g.edge[data-from=\"split\"][data-to=\"count\"] text"));
        assertEquals(0, browser.script("var boxes = Array.from(document.querySelectorAll('#graph-svg g.node rect'))"
                + ".map(function (r) { return r.getBBox(); }); var overlaps = 0;"
                + "document.querySelectorAll('#graph-svg g.edge text').forEach(function (t) { var b = t.getBBox();"
                + " boxes.forEach(function (r) { if (b.x < r.x + r.width && r.x < b.x + b.width && b.y < r.y + r.height"
                + " && r.y < b.y + b.height) { overlaps++; } }); }); return overlaps;").asInt(),
                "edge labels overlapping node boxes");

        long first = spoutEmitted();
        Await.until(DEADLINE, () -> spoutEmitted() > first && spoutEmitted() > 0, () -> "emitted to grow past " + first);
        Await.until(DEADLINE, () -> !browser.script("return document.querySelector('#graph-svg g.edge text').textContent;")
                .asText().startsWith("0/s"), () -> "a live rate on the graph's edge");
        assertEquals("yes", browser.script("return window.loadedOnce;").asText(), "figures changed without a reload");
        if (screenshots() != null) {
            waitForUpdates(50); // Let the charts fill in.
            screenshot("dashboard-topology.png");
        }

        browser.click("#btn-deactivate");
        Await.until(DEADLINE, browser::alertOpen, () -> "a confirmation dialog");
        assertTrue(browser.alertText().contains("Deactivate topology " + TOPOLOGY));
        browser.acceptAlert();
        Await.until(DEADLINE, () -> browser.script("return document.getElementById('status').textContent;").asText()
                .equals("INACTIVE"), () -> "status INACTIVE");

        // Stopped: the spout's count stops moving, in the runtime and on the page, across several live updates.
        long[] seen = {-1, -1};
        Await.until(DEADLINE, () -> {
            long runtime = cluster.getComponentStats(TOPOLOGY).get("sentences").emitted();
            long shown = spoutEmitted();
            boolean stable = runtime == seen[0] && shown == runtime;
            seen[0] = runtime;
            return stable && waitForUpdates(3);
        }, () -> "emitted to stop increasing (runtime " + seen[0] + ", page " + spoutEmitted() + ")");
        long stopped = spoutEmitted();
        waitForUpdates(3);
        assertEquals(stopped, spoutEmitted(), "emitted stays put while deactivated");
        assertEquals(stopped, cluster.getComponentStats(TOPOLOGY).get("sentences").emitted());

        browser.click("#btn-activate");
        Await.until(DEADLINE, browser::alertOpen, () -> "a confirmation dialog");
        browser.acceptAlert();
        Await.until(DEADLINE, () -> spoutEmitted() > stopped, () -> "emitted to grow again after activate");

        browser.click("#btn-rebalance");
        Await.until(DEADLINE, browser::alertOpen, () -> "a rebalance prompt");
        browser.acceptAlert();
        Await.until(DEADLINE, () -> browser.script("return document.getElementById('notice').textContent;").asText()
                .contains("Rebalanced topology"), () -> "the rebalance's answer");

        browser.open(server.url() + "#/");
        Await.until(DEADLINE, () -> present("#topologies-table a"), () -> "the topology listed on the cluster page");
        assertTrue(present("#supervisors-table"), "the supervisors are listed");
        screenshot("dashboard-cluster.png");

        // With the live connection closed, a page shows "Loading…" and then its first data from the HTTP API.
        assertEquals("Loading…", browser.script("state.ws.onclose = null; state.ws.close(); route();"
                + " return document.getElementById('topologies').textContent;").asText());
        Await.until(DEADLINE, () -> present("#topologies-table a"), () -> "the cluster page filled from the HTTP API");

        // A graph with long labels, a skipped layer and two edges into one box: no label covers a box or a label.
        assertEquals(0, browser.script("var g = document.createElement('div'); g.id = 'graph';"
                + " document.body.appendChild(g);"
                + " renderGraph([{id: 's', kind: 'spout', parallelism: 1, inputs: []},"
                + "  {id: 'a', kind: 'bolt', parallelism: 2, inputs: [{component: 's', grouping: 'local_or_shuffle'}]},"
                + "  {id: 'b', kind: 'bolt', parallelism: 2, inputs: [{component: 'a', grouping: 'fields'}]},"
                + "  {id: 'c', kind: 'bolt', parallelism: 1, inputs: [{component: 's', grouping: 'shuffle'},"
                + "   {component: 'b', grouping: 'global'}]}],"
                + " {spouts: [{id: 's', emitRate: 72300}], bolts: [{id: 'a', executeRate: 72300, capacity: 0.5},"
                + "  {id: 'b', executeRate: 460000, capacity: 0.5}, {id: 'c', executeRate: 100, capacity: 0.1}],"
                + "  edges: [{from: 's', to: 'a', ratePerSec: 72300}, {from: 'a', to: 'b', ratePerSec: 460000},"
                + "   {from: 's', to: 'c', ratePerSec: 72300}, {from: 'b', to: 'c', ratePerSec: 460000}]});"
                + " var boxes = Array.from(g.querySelectorAll('g.node rect')).map(function (r) { return r.getBBox(); });"
                + " var labels = Array.from(g.querySelectorAll('g.edge text')).map(function (t) { return t.getBBox(); });"
                + " function hit(p, q) { return p.x < q.x + q.width && q.x < p.x + p.width && p.y < q.y + q.height"
                + "  && q.y < p.y + p.height; }"
                + " var n = 0; labels.forEach(function (l, i) { boxes.forEach(function (r) { if (hit(l, r)) { n++; } });"
                + "  labels.slice(i + 1).forEach(function (o) { if (hit(l, o)) { n++; } }); });"
                + " g.remove(); return n;").asInt(), "edge labels covering boxes or each other");
    }

    /** Waits for {@code n} more live updates to reach the page; true once they have. */
    private boolean waitForUpdates(int n) {
        long start = updates();
        Await.until(DEADLINE, () -> updates() >= start + n, () -> n + " live updates");
        return true;
    }

    private static Path screenshots() {
        String dir = System.getProperty("dashboard.screenshots");
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    private void screenshot(String name) throws IOException {
        if (screenshots() != null) {
            browser.screenshot(screenshots().resolve(name));
        }
    }
}
