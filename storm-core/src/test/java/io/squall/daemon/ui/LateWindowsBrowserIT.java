package io.squall.daemon.ui;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testsupport.Teardown;
import io.squall.testsupport.WebDriverClient;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The late tuples per window on a windowed bolt's component page, in headless Chromium: a bolt with tumbling
 * 5-second windows by event time gets three tuples for the window (10 s, 15 s] and one for (30 s, 35 s] after both
 * fired, and its page shows those two windows with their bounds and counts, latest first, without a reload.
 */
@Timeout(120)
class LateWindowsBrowserIT {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String TOPOLOGY = "late-windows";
    /** The end of the latest window the bolt fired. */
    static final AtomicLong FIRED_UP_TO = new AtomicLong(Long.MIN_VALUE);

    /** Sends event times 1 s to 60 s in order, then, once the window ending at 40 s has fired, four late ones. */
    static final class LateSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private int next;
        private boolean lateSent;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            next = 1;
        }

        @Override
        public void nextTuple() {
            if (next <= 60) {
                out.emit(new Values(next++ * 1_000L));
            } else if (!lateSent && FIRED_UP_TO.get() >= 40_000) {
                for (long ts : new long[] {12_500, 11_000, 15_000, 31_000}) {
                    out.emit(new Values(ts));
                }
                lateSent = true;
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("ts"));
        }
    }

    /** Records the end of each window it fires. */
    static final class FiredWindows extends BaseWindowedBolt {
        @Override
        public void execute(TupleWindow window) {
            FIRED_UP_TO.accumulateAndGet(window.getEndTimestamp(), Math::max);
        }
    }

    private LocalCluster cluster;
    private DashboardServer server;
    private WebDriverClient browser;

    @BeforeEach
    void start() throws IOException {
        FIRED_UP_TO.set(Long.MIN_VALUE);
        cluster = new LocalCluster();
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new LateSpout());
        b.setBolt("windows", new FiredWindows()
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(5))
                .withTimestampField("ts"), 1).shuffleGrouping("readings");
        cluster.submitTopology(TOPOLOGY, new Config(), b.createTopology());
        server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 500);
        browser = new WebDriverClient();
    }

    @AfterEach
    void stop() throws Exception {
        Teardown.closeAll(browser, server, cluster);
    }

    private String text(String selector) {
        return browser.script("var e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector)
                .asText();
    }

    @Test
    void showsEachWindowsLateTuplesWithItsBoundsLatestFirst() {
        browser.open(server.url() + "#/topology/" + TOPOLOGY + "/component/windows");
        String rows = "#late-windows-table tbody tr";
        Await.until(DEADLINE, () -> browser.script("return document.querySelectorAll(arguments[0]).length;", rows)
                        .asText().equals("2") && text(rows + "[data-end=\"15000\"] [data-field=\"count\"]").equals("3"),
                () -> "two windows with late tuples on the page: " + text("#late-windows-card"));
        assertEquals("block", browser.script(
                "return getComputedStyle(document.getElementById('late-windows-card')).display;").asText());
        assertEquals("35000", browser.script("return document.querySelector(arguments[0]).dataset.end;", rows)
                .asText(), "the latest window first");
        assertEquals("30000", browser.script("return document.querySelector(arguments[0]).dataset.start;", rows)
                .asText());
        assertEquals("1", text(rows + "[data-end=\"35000\"] [data-field=\"count\"]"));
        String first = text(rows + ":first-child");
        assertEquals(true, first.contains("1970-01-01 00:00:30.000") && first.contains("1970-01-01 00:00:35.000"),
                "bounds in UTC: " + first);
    }
}
