package io.squall.topologies.trident;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.Consumer;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(120)
class TridentExamplesIT {
    /** Counts read back by the query stream, latest per word. */
    static final Map<String, Long> READ_BACK = new ConcurrentHashMap<>();

    static final class Record implements Consumer {
        @Override
        public void accept(TridentTuple tuple) {
            READ_BACK.merge(tuple.getString(0), tuple.getLong(1), Math::max);
        }
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            LockSupport.parkNanos(10_000_000);
        }
    }

    private static Config conf() {
        Config conf = new Config();
        conf.setMaxSpoutPending(3);
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 2);
        return conf;
    }

    @Test
    void wordCountCountsEveryWordOnceAndTheQueryStreamReadsTheCountsBack() {
        long limit = 300;
        Map<List<Object>, Object> expected = new HashMap<>();
        for (int p = 0; p < 2; p++) {
            for (long i = 0; i < limit; i++) {
                for (String w : TridentWordCount.sentence(p, i).split(" ")) {
                    expected.merge(List.of(w), 1L, (a, b) -> (Long) a + (Long) b);
                }
            }
        }
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        TridentTopology topology = TridentWordCount.build(TridentWordCount.sentences(2, 50, limit), counts,
                new Record());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("trident-word-count", conf(), topology.build());
            await(() -> expected.equals(counts.snapshot()), "counts " + expected);
            await(() -> READ_BACK.getOrDefault("the", 0L).equals(expected.get(List.of("the"))),
                    "the query stream to read the final count of 'the'");
        }
        assertEquals(expected, counts.snapshot());
        assertTrue(topology.getGuaranteeWarnings().isEmpty(), topology.getGuaranteeWarnings().toString());
    }

    @Test
    void adCampaignMetricsCountHumanViewsAndClicksPerCampaignPerMinute() {
        long views = 3000;
        long clicks = 300;
        Map<List<Object>, Object> expectedViews = expected(views, 1, AdCampaignMetrics.VIEW_EVERY_MS);
        Map<List<Object>, Object> expectedClicks = expected(clicks, 2, AdCampaignMetrics.CLICK_EVERY_MS);
        MemoryMapState.Factory viewCounts = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        MemoryMapState.Factory clickCounts = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        TridentTopology topology = AdCampaignMetrics.build(AdCampaignMetrics.views(views),
                AdCampaignMetrics.clicks(clicks), viewCounts, clickCounts);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("ad-campaign-metrics", conf(), topology.build());
            await(() -> expectedViews.equals(viewCounts.snapshot()) && expectedClicks.equals(clickCounts.snapshot()),
                    "views " + expectedViews + " and clicks " + expectedClicks);
        }
        assertTrue(expectedViews.size() > AdCampaignMetrics.CAMPAIGNS, "several minutes: " + expectedViews);
        assertTrue(topology.getGuaranteeWarnings().isEmpty(), topology.getGuaranteeWarnings().toString());
    }

    private static Map<List<Object>, Object> expected(long n, long salt, long everyMs) {
        Map<List<Object>, Object> ret = new HashMap<>();
        for (long i = 0; i < n; i++) {
            List<Object> e = AdCampaignMetrics.event(i, salt, everyMs);
            if (((String) e.get(1)).contains("bot")) {
                continue;
            }
            long minute = (Long) e.get(2) / 60_000 * 60_000;
            ret.merge(List.of(AdCampaignMetrics.campaignOf((Integer) e.get(0)), minute), 1L,
                    (a, b) -> (Long) a + (Long) b);
        }
        return ret;
    }
}
