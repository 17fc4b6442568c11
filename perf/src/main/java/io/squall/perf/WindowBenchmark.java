package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Windowed bolts in local mode, for a fixed time:
 * <ul>
 *   <li>{@code sliding}: constant spout → sliding count window of 1000 tuples every 100, no acking; the
 *   bolt reads every tuple of every window;</li>
 *   <li>{@code tumbling}: constant spout with message ids → tumbling 1-second window, acking on (each
 *   tuple acked when its window is done), max.spout.pending 2,000,000;</li>
 *   <li>{@code eventtime}: the same, by event time: a spout declared with event time (the wall clock at emit,
 *   100 ms out of order) sends watermarks every 200 ms; a tumbling 1-second window by event time fires on
 *   them and its per-window counts go, with its watermark, to a second tumbling 1-second window by event
 *   time. Tuples/s into the first window. No max.spout.pending (see {@link #EVENT_TIME_PENDING}).</li>
 *   <li>{@code eventtime1}: the first stage of {@code eventtime} alone: the single-stage event-time figure.</li>
 *   <li>{@code tumbling-acked}: the peer harness's {@code windowed-tumbling} workload ({@link TumblingAckedRun}),
 *   with CPU, allocation and GC per tuple;</li>
 *   <li>{@code tumbling-held [count]}: heap per tuple held in an acked tumbling window ({@link TumblingAckedRun#held}).
 *   </li>
 * </ul>
 * {@code ab} runs {@code tumbling} and {@code eventtime} alternately, twice each (A B A B), to compare them
 * on a noisy machine; {@code stages} runs one uncounted round of each mode to warm the JIT, then {@code eventtime1}
 * and {@code eventtime} alternately, twice each, and prints each pair's ratio and the two-stage throughput as a share
 * of the single-stage one (the mean of each mode's rounds).
 * Prints tuples/s into the window and, with acking, complete latency percentiles.
 *
 * <pre>usage: WindowBenchmark [sliding|tumbling|tumbling-acked|eventtime|eventtime1|both|ab|stages] [warmupSecs]
 * [measureSecs], or WindowBenchmark tumbling-held [count]</pre>
 */
public final class WindowBenchmark {
    /** Max spout pending of the processing-time windows with acking. */
    private static final Integer PENDING = 2_000_000;
    /**
     * None for the event-time windows: a window by event time acks its tuples only once the spout's watermark passes
     * its end, and the watermark moves only as the spout emits. A spout task that reaches its pending limit with the
     * open window's tuples pending stops emitting, so the window never fires and nothing is acked: a stall (at the
     * 2,000,000 above it took a spout emitting faster than 2 M tuples in a second). Without a limit the spout is
     * held back by backpressure alone, which the window relieves as it takes its queue, and the memory held is what
     * the windows hold: about 1.3 s of tuples (a window, the 100 ms out-of-orderness, the 200 ms watermark interval).
     * {@code -Deventtime.pending=N} sets a limit, to see the stall (N below what 1.3 s of emits fill).
     */
    private static final Integer EVENT_TIME_PENDING = Integer.getInteger("eventtime.pending");

    private WindowBenchmark() {
    }

    /** Sums the length of every value in the window, so each tuple of each window is read. */
    public static class ReadingWindowBolt extends BaseWindowedBolt {
        private transient long checksum;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(TupleWindow window) {
            for (Tuple t : window.get()) {
                checksum += t.getString(0).length();
            }
        }

        @Override
        public void cleanup() {
            System.out.println("window checksum " + checksum);
        }
    }

    /** Emits the same value with the wall clock as its event time, with a message id (its emit time). */
    public static class TimestampedSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit(new Values("some data", System.currentTimeMillis()), System.nanoTime());
        }

        @Override
        public void ack(Object msgId) {
            ConstSpoutBenchmark.LATENCY.recordValue(Math.max(0, System.nanoTime() - (Long) msgId));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value", "ts"));
        }
    }

    /**
     * Counts each window's tuples and emits the count stamped with the window's end. Unanchored: a result
     * anchored to a whole window of a second's tuples would carry every one of their tree ids.
     */
    public static class CountingWindowBolt extends BaseWindowedBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            long checksum = 0;
            for (Tuple t : window.get()) {
                checksum += t.getString(0).length();
            }
            out.emit(new Values(checksum, window.getEndTimestamp()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value", "ts"));
        }
    }

    /** Sums the counts of the first stage. */
    public static class SummingWindowBolt extends BaseWindowedBolt {
        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        }

        @Override
        public void execute(TupleWindow window) {
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "both";
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        if (mode.equals("tumbling-acked")) {
            TumblingAckedRun.run(warmup, measure);
            return;
        }
        if (mode.equals("tumbling-held")) {
            TumblingAckedRun.held(args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000);
            return;
        }
        if (mode.equals("sliding") || mode.equals("both")) {
            run("sliding-count", false, new ReadingWindowBolt().withWindow(BaseWindowedBolt.Count.of(1000),
                    BaseWindowedBolt.Count.of(100)), warmup, measure);
        }
        if (mode.equals("eventtime1")) {
            run("eventtime-1-stage", true, EVENT_TIME_PENDING, eventTime(false), warmup, measure);
        }
        if (mode.equals("stages")) {
            // The JVM's first rounds run before the JIT has compiled the windows' path: one discarded round of each
            // mode first, so that the first measured round (always one stage) is not the slow one.
            System.out.println("warm-up rounds, not counted:");
            run("eventtime-2-stages", true, EVENT_TIME_PENDING, eventTime(true), warmup, measure);
            run("eventtime-1-stage", true, EVENT_TIME_PENDING, eventTime(false), warmup, measure);
            double one = 0;
            double two = 0;
            for (int i = 0; i < 2; i++) {
                double a = run("eventtime-1-stage", true, EVENT_TIME_PENDING, eventTime(false), warmup, measure);
                double b = run("eventtime-2-stages", true, EVENT_TIME_PENDING, eventTime(true), warmup, measure);
                System.out.printf("pair %d: two stages / one stage %.1f%%%n", i + 1, 100 * b / a);
                one += a;
                two += b;
            }
            System.out.printf("two stages / one stage: %.1f%% (%,.0f against %,.0f tuples/s, means of 2 rounds)%n",
                    100 * two / one, two / 2, one / 2);
            return;
        }
        int rounds = mode.equals("ab") ? 2 : 1;
        for (int i = 0; i < rounds; i++) {
            if (mode.equals("tumbling") || mode.equals("both") || mode.equals("ab")) {
                run("tumbling-1s-acked", true, PENDING, tumbling(), warmup, measure);
            }
            if (mode.equals("eventtime") || mode.equals("both") || mode.equals("ab")) {
                run("eventtime-2-stages", true, EVENT_TIME_PENDING, eventTime(true), warmup, measure);
            }
        }
    }

    private static TopologyBuilder tumbling() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new ConstSpoutBenchmark.ConstSpout(true));
        b.setBolt("window", new ReadingWindowBolt().withTumblingWindow(BaseWindowedBolt.Duration.seconds(1)))
                .localOrShuffleGrouping("spout");
        return b;
    }

    /** Event-time tumbling 1 s windows fed by a spout with event time, and a second stage if {@code twoStages}. */
    private static TopologyBuilder eventTime(boolean twoStages) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new TimestampedSpout()).withEventTime("ts", java.time.Duration.ofMillis(100));
        b.setBolt("window", new CountingWindowBolt().withTumblingWindow(BaseWindowedBolt.Duration.seconds(1))
                .withTimestampField("ts")).localOrShuffleGrouping("spout");
        if (!twoStages) {
            return b;
        }
        b.setBolt("second", new SummingWindowBolt().withTumblingWindow(BaseWindowedBolt.Duration.seconds(1))
                .withTimestampField("ts")).localOrShuffleGrouping("window");
        return b;
    }

    static void run(String name, boolean acking, BaseWindowedBolt bolt, int warmupSecs, int measureSecs)
            throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("spout", new ConstSpoutBenchmark.ConstSpout(acking));
        b.setBolt("window", bolt).localOrShuffleGrouping("spout");
        run(name, acking, PENDING, b, warmupSecs, measureSecs);
    }

    /**
     * Runs the topology for the warm-up then the measurement; returns tuples/s into the "window" bolt.
     *
     * @param maxPending {@code topology.max.spout.pending} with acking; null for no limit
     */
    static double run(String name, boolean acking, Integer maxPending, TopologyBuilder b, int warmupSecs,
                      int measureSecs) throws InterruptedException {
        Config conf = new Config();
        conf.setNumAckers(acking ? 1 : 0);
        if (acking && maxPending != null) {
            conf.setMaxSpoutPending(maxPending);
        }
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            long start = System.nanoTime();
            long before = cluster.getComponentStats(name).get("window").executed();
            TimeUnit.SECONDS.sleep(measureSecs);
            long after = cluster.getComponentStats(name).get("window").executed();
            double secs = (System.nanoTime() - start) / 1e9;
            Histogram h = ConstSpoutBenchmark.LATENCY.getIntervalHistogram();
            double tuplesPerSec = (after - before) / secs;
            System.out.printf("%-18s %,14.0f tuples/s over %.0fs%n", name, tuplesPerSec, secs);
            if (acking) {
                System.out.printf("%-18s complete latency p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d acks)%n", name,
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, h.getMaxValue() / 1e6,
                        h.getTotalCount());
            }
            return tuplesPerSec;
        }
    }
}
