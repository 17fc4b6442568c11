package io.squall.topologies;

import io.squall.LocalCluster;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import io.squall.windowing.LateTuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The smart-meter example: quarter-hour sums by event time are exact; late readings are routed, not lost. */
class SmartMeterTopologyTest {
    static final Map<String, double[]> USAGE = new ConcurrentHashMap<>(); // "meter@end" -> {readings, kwh}
    static final List<LateTuple> LATE = new CopyOnWriteArrayList<>();

    /** Records usage and late readings. */
    static class Recorder extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (input.getSourceStreamId().equals(SmartMeterTopology.LATE_STREAM)) {
                LATE.add((LateTuple) input.getValueByField("late_tuple"));
            } else {
                String key = input.getStringByField("meter") + "@" + input.getLongByField("end");
                if (USAGE.put(key, new double[]{input.getIntegerByField("readings"), input.getDoubleByField("kwh")}) != null) {
                    fail("two results for " + key);
                }
            }
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(90)
    void sumsEachMeterPerQuarterHourByEventTimeAndRoutesLateReadings() {
        int meters = 6;
        int rounds = 240; // four hours of readings
        long seed = 11;
        List<SmartMeterTopology.Reading> readings = SmartMeterTopology.schedule(meters, rounds, seed);
        Map<String, double[]> expected = new HashMap<>();
        int late = 0;
        for (SmartMeterTopology.Reading r : readings) {
            if (r.sendRound() - r.round() == SmartMeterTopology.LATE_ROUNDS) {
                late++;
                continue;
            }
            long end = Math.floorDiv(r.timestamp() + 15 * SmartMeterTopology.MINUTE_MS - 1,
                    15 * SmartMeterTopology.MINUTE_MS) * 15 * SmartMeterTopology.MINUTE_MS;
            double[] e = expected.computeIfAbsent(r.meterId() + "@" + end, k -> new double[2]);
            e[0]++;
            e[1] += r.kwh();
        }
        assertTrue(late > 5, "the schedule has late readings: " + late);
        TopologyBuilder builder = SmartMeterTopology.builder(
                new SmartMeterTopology.MeterReadingSpout(meters, rounds, 0, seed), 2);
        builder.setBolt("recorder", new Recorder())
                .shuffleGrouping("quarter-hours", "usage")
                .shuffleGrouping("quarter-hours", SmartMeterTopology.LATE_STREAM);
        int lateCount = late;
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("smart-meters", SmartMeterTopology.config(), builder.createTopology());
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (USAGE.size() < expected.size() || LATE.size() < lateCount) {
                assertTrue(System.nanoTime() < deadline, USAGE.size() + " of " + expected.size() + " quarter hours, "
                        + LATE.size() + " of " + lateCount + " late readings");
                LockSupport.parkNanos(1_000_000);
            }
            assertEquals(expected.keySet(), USAGE.keySet());
            for (Map.Entry<String, double[]> e : expected.entrySet()) {
                double[] got = USAGE.get(e.getKey());
                assertEquals(e.getValue()[0], got[0], "readings of " + e.getKey());
                assertEquals(e.getValue()[1], got[1], 1e-9, "kWh of " + e.getKey());
            }
            assertEquals(lateCount, LATE.size());
            for (LateTuple t : LATE) {
                assertTrue(t.getStringByField("meter").startsWith("meter-"));
            }
            assertEquals(lateCount, cluster.getComponentStats("smart-meters").get("quarter-hours").lateTuples());
        }
    }
}
