package io.squall.topologies;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.IFiniteSpout;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.LateTuple;
import io.squall.windowing.TupleWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Smart meters report their consumption every minute, stamped with the time they measured it. Readings
 * travel over flaky links: some arrive a few minutes late and out of order, a few arrive half an hour late.
 * The spout declares its event time (field {@code ts}, at most 5 minutes out of order), so the runtime sends
 * watermarks from it; the topology sums each meter's consumption per quarter hour by event time (15-minute
 * tumbling windows) and routes readings too late for their quarter hour to a stream that logs them, so that
 * billing can correct them separately. A finite run ends with the spout finishing: its final watermark
 * closes the last quarter hours.
 *
 * <pre>readings --(fields: meter)--> quarter-hours --usage--> usage-log
 *                                              \--late-readings--> late-log</pre>
 */
public final class SmartMeterTopology {
    /** Event time where the readings start: 2026-01-01T00:00Z. */
    public static final long START_MS = 1_767_225_600_000L;
    public static final long MINUTE_MS = 60_000;
    /** Readings held back this many minutes are beyond the lag: late. */
    public static final int LATE_ROUNDS = 30;
    public static final String LATE_STREAM = "late-readings";

    private SmartMeterTopology() {
    }

    /** One scheduled reading: which round (minute) it measures and in which round it is sent. */
    public record Reading(int meter, int round, int sendRound, double kwh) {
        /** The meter's id, e.g. {@code meter-007}. */
        public String meterId() {
            return String.format("meter-%03d", meter);
        }

        /** When the meter measured it: the end of the minute it covers, so minute 0 reads at 00:01. */
        public long timestamp() {
            return START_MS + (round + 1) * MINUTE_MS;
        }
    }

    /**
     * Every reading of {@code rounds} minutes, in the order the spout sends them: each minute, every meter's
     * reading of that minute unless it is held back (10% by 1 to 4 minutes, 2% by {@value #LATE_ROUNDS}
     * unless that is past the end), after the held-back readings whose delay ends then. Deterministic per seed.
     */
    public static List<Reading> schedule(int meters, int rounds, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Reading> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int m = 1; m <= meters; m++) {
                double kwh = Math.round(random.nextDouble(0.05, 0.5) * 1000) / 1000.0;
                int p = random.nextInt(100);
                int delay = p < 2 && round + LATE_ROUNDS < rounds ? LATE_ROUNDS : p < 12 ? random.nextInt(1, 5) : 0;
                all.add(new Reading(m, round, round + delay, kwh));
            }
        }
        all.sort((a, b) -> a.sendRound != b.sendRound ? Integer.compare(a.sendRound, b.sendRound)
                : a.round != b.round ? Integer.compare(a.round, b.round) : Integer.compare(a.meter, b.meter));
        return all;
    }

    /**
     * Sends meter readings, one minute of event time per round. With a finite number of rounds it finishes
     * (an {@link IFiniteSpout}) once all are sent and none waits to be sent again; failed readings are sent
     * again.
     */
    public static class MeterReadingSpout extends BaseRichSpout implements IFiniteSpout {
        private final int meters;
        private final int rounds;
        private final long roundMillis;
        private final long seed;
        private transient SpoutOutputCollector out;
        private transient List<Reading> scheduled;
        private transient List<Reading> replays;
        private transient int next;
        private transient int hour;
        private transient long nextRoundAt;

        /**
         * @param rounds      minutes of readings to send; 0 for no end
         * @param roundMillis wall-clock milliseconds per minute of event time (0: as fast as possible)
         */
        public MeterReadingSpout(int meters, int rounds, long roundMillis, long seed) {
            this.meters = meters;
            this.rounds = rounds;
            this.roundMillis = roundMillis;
            this.seed = seed;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            replays = new ArrayList<>();
            scheduled = schedule(meters, rounds > 0 ? rounds : 60, seed);
        }

        @Override
        public void nextTuple() {
            if (!replays.isEmpty()) {
                send(replays.remove(replays.size() - 1));
                return;
            }
            long now = System.nanoTime();
            if (roundMillis > 0 && now - nextRoundAt < 0) {
                return;
            }
            nextRoundAt = now + TimeUnit.MILLISECONDS.toNanos(roundMillis);
            if (next >= scheduled.size()) {
                if (rounds > 0) {
                    return;
                }
                // No end: the next hour of readings, shifted in time.
                hour++;
                scheduled = new ArrayList<>();
                for (Reading r : schedule(meters, 60, seed + hour)) {
                    scheduled.add(new Reading(r.meter(), r.round() + hour * 60, r.sendRound() + hour * 60, r.kwh()));
                }
                next = 0;
            }
            int sendRound = scheduled.get(next).sendRound();
            while (next < scheduled.size() && scheduled.get(next).sendRound() == sendRound) {
                send(scheduled.get(next++));
            }
        }

        @Override
        public boolean isFinished() {
            return rounds > 0 && scheduled != null && next >= scheduled.size() && replays.isEmpty();
        }

        private void send(Reading r) {
            out.emit(new Values(r.meterId(), r.timestamp(), r.kwh()), r);
        }

        @Override
        public void fail(Object msgId) {
            replays.add((Reading) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("meter", "ts", "kwh"));
        }
    }

    /** Sums each meter's readings per quarter hour; emits one usage tuple per meter and window. */
    public static class QuarterHourUsage extends BaseWindowedBolt {
        private static final Logger LOG = LoggerFactory.getLogger(QuarterHourUsage.class);
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            Map<String, List<Tuple>> byMeter = new TreeMap<>();
            for (Tuple t : window.get()) {
                byMeter.computeIfAbsent(t.getStringByField("meter"), k -> new ArrayList<>()).add(t);
            }
            double total = 0;
            for (Map.Entry<String, List<Tuple>> e : byMeter.entrySet()) {
                double kwh = 0;
                for (Tuple t : e.getValue()) {
                    kwh += t.getDoubleByField("kwh");
                }
                total += kwh;
                out.emit("usage", e.getValue(), new Values(e.getKey(), window.getStartTimestamp(),
                        window.getEndTimestamp(), e.getValue().size(), kwh));
            }
            LOG.info("quarter hour ({}, {}]: {} meters, {} readings, {} kWh", Instant.ofEpochMilli(window.getStartTimestamp()),
                    Instant.ofEpochMilli(window.getEndTimestamp()), byMeter.size(), window.get().size(),
                    String.format("%.3f", total));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declareStream("usage", new Fields("meter", "start", "end", "readings", "kwh"));
        }
    }

    /** Logs each meter's usage per quarter hour at debug level; a billing system would store it. */
    public static class UsageLog extends BaseBasicBolt {
        private static final Logger LOG = LoggerFactory.getLogger(UsageLog.class);

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            LOG.debug("{} used {} kWh in ({}, {}]", input.getStringByField("meter"), input.getDoubleByField("kwh"),
                    Instant.ofEpochMilli(input.getLongByField("start")), Instant.ofEpochMilli(input.getLongByField("end")));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Logs every reading that came too late for its quarter hour. */
    public static class LateReadingLog extends BaseBasicBolt {
        private static final Logger LOG = LoggerFactory.getLogger(LateReadingLog.class);

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            LateTuple late = (LateTuple) input.getValueByField("late_tuple");
            LOG.info("late reading: {} measured {} kWh at {}, too late for its quarter hour",
                    late.getStringByField("meter"), late.getDoubleByField("kwh"), Instant.ofEpochMilli(late.getTimestamp()));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /**
     * The topology over {@code spout}, with {@code parallelism} windowed tasks. The spout sends its watermark
     * after every reading that advances it, so which readings are late does not depend on how fast it runs.
     */
    public static TopologyBuilder builder(MeterReadingSpout spout, int parallelism) {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("readings", spout)
                .withEventTime("ts", Duration.ofMinutes(5))
                .withWatermarkInterval(Duration.ZERO);
        builder.setBolt("quarter-hours", new QuarterHourUsage()
                        .withTumblingWindow(BaseWindowedBolt.Duration.minutes(15))
                        .withTimestampField("ts")
                        .withLateTupleStream(LATE_STREAM), parallelism)
                .fieldsGrouping("readings", new Fields("meter"));
        builder.setBolt("usage-log", new UsageLog()).shuffleGrouping("quarter-hours", "usage");
        builder.setBolt("late-log", new LateReadingLog()).shuffleGrouping("quarter-hours", LATE_STREAM);
        return builder;
    }

    /**
     * The default message timeout is enough: a window by event time resets the timeouts of the readings it
     * holds, however long its quarter hour takes in real time.
     */
    public static Config config() {
        Config conf = new Config();
        conf.setMaxSpoutPending(20_000);
        return conf;
    }

    /** Submits 20 meters, one minute of readings every 100 ms, as {@code args[0]} (default "smart-meters"). */
    public static void main(String[] args) {
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "smart-meters", config(),
                builder(new MeterReadingSpout(20, 0, 100, 7), 2).createTopology());
    }
}
