package io.squall.topologies;

import io.squall.Config;
import io.squall.testing.TopologyTestDriver;
import io.squall.topologies.AdMetricsTopology.LogLine;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdMetricsTopologyTest {
    static final Map<String, List<Long>> RESULTS = new ConcurrentHashMap<>();

    /** Records the final counts, keyed "campaign@minute". */
    static class Recorder extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            List<Long> prev = RESULTS.put(input.getStringByField("campaign") + "@" + input.getLongByField("minute"),
                    List.of(input.getLongByField("impressions"), input.getLongByField("clicks")));
            assertEquals(null, prev, "one result per campaign and minute");
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The counts computed straight from the logs: non-bot impressions per minute, and their clicks in it. */
    static Map<String, List<Long>> expected(Map<String, List<LogLine>> logs) {
        Map<String, LogLine> impressions = new HashMap<>();
        logs.values().forEach(l -> l.stream().filter(x -> x.kind().equals("impression"))
                .forEach(x -> impressions.put(x.impression(), x)));
        Map<String, long[]> counts = new TreeMap<>();
        for (List<LogLine> log : logs.values()) {
            for (LogLine x : log) {
                LogLine imp = impressions.get(x.impression());
                if (x.bot() || minute(imp.ts()) != minute(x.ts())) {
                    continue;
                }
                counts.computeIfAbsent(imp.campaign() + "@" + minute(x.ts()), k -> new long[2])
                        [x.kind().equals("impression") ? 0 : 1]++;
            }
        }
        Map<String, List<Long>> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, List.of(c[0], c[1])));
        return out;
    }

    static long minute(long ts) {
        return Math.floorDiv(ts + AdMetricsTopology.MINUTE_MS - 1, AdMetricsTopology.MINUTE_MS) * AdMetricsTopology.MINUTE_MS;
    }

    @Test
    @Timeout(60)
    void countsImpressionsAndJoinedClicksPerCampaignAndMinuteExactly() {
        RESULTS.clear();
        Map<String, List<LogLine>> logs = AdMetricsTopology.logs(10, 7);
        Map<String, List<Long>> expected = expected(logs);
        assertTrue(expected.size() >= 40, "four campaigns over ten minutes: " + expected.size());
        TopologyBuilder b = AdMetricsTopology.builder(logs, 20);
        b.setBolt("recorder", new Recorder()).shuffleGrouping("minutes");
        Config conf = new Config();
        conf.setNumAckers(1);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(35), Duration.ofMillis(100)); // Ten minutes at 20 times: 30 s.
            assertEquals(expected, new TreeMap<>(RESULTS));
            long sent = logs.values().stream().mapToLong(List::size).sum();
            long acked = 0;
            for (String log : logs.keySet()) {
                acked += d.counts(log).acked();
                assertEquals(0, d.counts(log).failed() + d.counts(log).timedOut(), log);
            }
            assertEquals(sent, acked, "every line acked");
            assertEquals(0, d.counts("join").lateTuples() + d.counts("minutes").lateTuples());
        }
    }
}
