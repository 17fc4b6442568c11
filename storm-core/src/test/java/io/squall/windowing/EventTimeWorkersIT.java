package io.squall.windowing;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Testing;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FixedTuple;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event time over two in-process workers joined by the cluster's transport: the watermarks of spout tasks on one
 * worker travel over the wire (next to the tuples) to windowed bolts on the other, through two windowed stages, and
 * the final watermarks of the finished spouts fire the last windows; the windows are exactly those of the sorted data.
 */
class EventTimeWorkersIT {
    /** Worker port of each task, by component. */
    static final Map<String, Set<Integer>> PORTS = new ConcurrentHashMap<>();

    static void placed(TopologyContext context) {
        PORTS.computeIfAbsent(context.getThisComponentId(), k -> ConcurrentHashMap.newKeySet())
                .add(context.getThisWorkerPort());
    }

    /** A fixed-tuple spout that notes which worker each of its tasks runs in. */
    static class PlacedSpout extends FixedTupleSpout {
        PlacedSpout(List<?> tuples, Fields fields) {
            super(tuples, fields);
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            placed(context);
            super.open(conf, context, collector);
        }
    }

    /** The summing window of {@link EventTimeIT}, noting which worker each of its tasks runs in. */
    static class PlacedSumming extends EventTimeIT.Summing {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            placed(context);
            super.prepare(conf, context, collector);
        }
    }

    @Test
    @Timeout(90)
    void watermarksCrossWorkersAndFireExactlyTheWindowsOfTheSortedData() {
        List<FixedTuple> readings = new ArrayList<>();
        for (long n = 1; n <= 120; n++) {
            readings.add(new FixedTuple(new Values(n, n * 1000 - (n % 4) * 600))); // up to 1.8 s out of order
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new PlacedSpout(readings, new Fields("n", "ts")), 2)
                .withEventTime("ts", Duration.ofMillis(2000));
        b.setBolt("ten-seconds", new PlacedSumming().withTumblingWindow(BaseWindowedBolt.Duration.seconds(10))
                .withTimestampField("ts"), 2).shuffleGrouping("readings");
        b.setBolt("thirty-seconds", new PlacedSumming().withTumblingWindow(BaseWindowedBolt.Duration.seconds(30))
                .withTimestampField("ts")).globalGrouping("ten-seconds");
        Config conf = new Config();
        conf.setNumWorkers(2);
        CompleteTopologyParam p = new CompleteTopologyParam();
        p.setStormConf(conf);
        try (LocalCluster cluster = new LocalCluster()) {
            var result = Testing.completeTopology(cluster, b.createTopology(), p);
            assertEquals(2, PORTS.get("readings").size(), "spout tasks in both workers: " + PORTS);
            assertEquals(2, PORTS.get("ten-seconds").size(), "windowed tasks in both workers: " + PORTS);
            assertTrue(PORTS.get("readings").containsAll(PORTS.get("thirty-seconds")), PORTS.toString());

            Set<List<Object>> expectedTens = new HashSet<>();
            long[][] tens = new long[12][2];
            long[][] thirties = new long[4][2];
            for (FixedTuple t : readings) {
                long ts = (Long) t.values.get(1);
                long n = (Long) t.values.get(0);
                tens[(int) ((ts - 1) / 10_000)][0]++;
                tens[(int) ((ts - 1) / 10_000)][1] += n;
                thirties[(int) ((ts - 1) / 30_000)][0]++;
                thirties[(int) ((ts - 1) / 30_000)][1] += n;
            }
            Set<List<Object>> expectedThirties = new HashSet<>();
            for (int w = 0; w < 4; w++) {
                expectedThirties.add(List.of(thirties[w][0], thirties[w][1], (w + 1) * 30_000L));
            }
            // Each ten-second window is split between the two tasks of the first stage: sum the halves.
            Map<Long, long[]> firstStage = new java.util.TreeMap<>();
            for (List<Object> t : Testing.readTuples(result, "ten-seconds")) {
                long[] c = firstStage.computeIfAbsent((Long) t.get(2), k -> new long[2]);
                c[0] += (Long) t.get(0);
                c[1] += (Long) t.get(1);
            }
            for (int w = 0; w < 12; w++) {
                expectedTens.add(List.of(tens[w][0], tens[w][1], (w + 1) * 10_000L));
            }
            Set<List<Object>> actualTens = new HashSet<>();
            firstStage.forEach((end, c) -> actualTens.add(List.of(c[0], c[1], end)));
            assertEquals(expectedTens, actualTens, "the first stage's windows, summed over its two tasks");
            assertEquals(expectedThirties, new HashSet<>(Testing.readTuples(result, "thirty-seconds")),
                    "the second stage's windows, the last fired by the final watermarks");
        }
    }
}
