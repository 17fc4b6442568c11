package io.squall.windowing;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Testing;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FixedTuple;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Event time on threads and a real clock: completeTopology waits until the final watermarks drained it. */
class EventTimeIT {
    /** Emits (count, sum of "n", ts = window end) per window. */
    static class Summing extends BaseWindowedBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            long count = 0;
            long sum = 0;
            for (Tuple t : window.get()) {
                count += t.contains("count") ? t.getLongByField("count") : 1;
                sum += t.contains("count") ? t.getLongByField("sum") : t.getLongByField("n");
            }
            out.emit(window.get(), new Values(count, sum, window.getEndTimestamp()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("count", "sum", "ts"));
        }
    }

    @Test
    @Timeout(60)
    void completeTopologyDrainsChainedWindowsByEventTimeDownToTheLastWindow() {
        List<FixedTuple> readings = new ArrayList<>();
        for (long n = 1; n <= 95; n++) {
            readings.add(new FixedTuple(new Values(n, n * 1000 - (n % 3) * 700))); // up to 1.4 s out of order
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new FixedTupleSpout(readings, new Fields("n", "ts")), 3)
                .withEventTime("ts", Duration.ofMillis(1500));
        b.setBolt("ten-seconds", new Summing().withTumblingWindow(BaseWindowedBolt.Duration.seconds(10))
                .withTimestampField("ts"), 2).shuffleGrouping("readings");
        b.setBolt("thirty-seconds", new Summing().withTumblingWindow(BaseWindowedBolt.Duration.seconds(30))
                .withTimestampField("ts")).globalGrouping("ten-seconds");
        CompleteTopologyParam p = new CompleteTopologyParam();
        Config conf = new Config();
        conf.setNumAckers(1);
        p.setStormConf(conf);
        try (LocalCluster cluster = new LocalCluster()) {
            var result = Testing.completeTopology(cluster, b.createTopology(), p);
            Set<List<Object>> last = new HashSet<>(Testing.readTuples(result, "thirty-seconds"));
            // Windows (0, 30], (30, 60], (60, 90], (90, 120] of the sorted readings.
            Set<List<Object>> expected = new HashSet<>();
            long[][] sums = new long[4][2];
            for (FixedTuple t : readings) {
                long ts = (Long) t.values.get(1);
                int w = (int) ((ts - 1) / 30_000);
                sums[w][0]++;
                sums[w][1] += (Long) t.values.get(0);
            }
            for (int w = 0; w < 4; w++) {
                expected.add(List.of(sums[w][0], sums[w][1], (w + 1) * 30_000L));
            }
            assertEquals(expected, last, "every window of the last stage, the last one fired by the final watermarks");
        }
    }
}
