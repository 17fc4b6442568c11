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
import io.squall.windowing.TupleWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Ad metrics by event time: two ad servers log impressions and a click tracker logs clicks, each at its own
 * speed and a little out of order. Bot traffic is filtered out, clicks are joined to their impressions within
 * the minute, and the topology counts impressions and clicks per campaign and minute.
 *
 * <pre>
 * impressions-a --\
 * impressions-b ---shuffle--> filter --(fields: impression)--> join --(fields: campaign)--> minutes --> report
 * clicks ---------/                      (1-minute windows)              (1-minute windows)
 * </pre>
 *
 * Every log declares its event time at the source ({@code withEventTime}); the watermarks pass the filter,
 * which knows nothing of time, and the join, whose results carry the end of their window; each stage waits
 * for every upstream task. No stage has markers or timestamps written by hand. A finite run ends when the logs
 * are finished: their final watermarks close the last minutes.
 */
public final class AdMetricsTopology {
    /** Event time where the logs start: 2026-01-01T00:00Z. */
    public static final long START_MS = 1_767_225_600_000L;
    public static final long MINUTE_MS = 60_000;
    /** How far out of order each log may be. */
    public static final Duration OUT_OF_ORDER = Duration.ofSeconds(5);
    private static final String[] CAMPAIGNS = {"spring-sale", "new-phone", "free-shipping", "brand"};

    private AdMetricsTopology() {
    }

    /**
     * One log line: an impression (campaign set) or a click on one (campaign empty), sent at {@code sendMs}
     * (milliseconds since the start of the run) and stamped with event time {@code ts}.
     */
    public record LogLine(String log, String kind, String impression, String campaign, long ts, boolean bot,
                          long sendMs) implements Serializable {
    }

    /** The three logs of {@code minutes} of traffic; deterministic per seed. Each list is in send order. */
    public static Map<String, List<LogLine>> logs(int minutes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, List<LogLine>> logs = new TreeMap<>();
        logs.put("impressions-a", new ArrayList<>());
        logs.put("impressions-b", new ArrayList<>());
        logs.put("clicks", new ArrayList<>());
        int n = 0;
        for (long t = 0; t < minutes * MINUTE_MS; t += 250) {
            String server = random.nextInt(3) == 0 ? "impressions-b" : "impressions-a";
            String id = "imp-" + n++;
            boolean bot = random.nextInt(10) == 0;
            String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
            long jitter = random.nextLong(OUT_OF_ORDER.toMillis());
            // The slower server ships its log in batches two seconds apart.
            long sendMs = server.equals("impressions-b") ? (t / 2000 + 1) * 2000 : t;
            logs.get(server).add(new LogLine(server, "impression", id, campaign, START_MS + t - jitter, bot, sendMs));
            if (random.nextInt(4) == 0) {
                long delay = random.nextLong(1, 20_000);
                logs.get("clicks").add(new LogLine("clicks", "click", id, "", START_MS + t - jitter + delay, bot,
                        t + delay));
            }
        }
        for (List<LogLine> l : logs.values()) {
            l.sort((a, b) -> Long.compare(a.sendMs(), b.sendMs()));
        }
        return logs;
    }

    /**
     * Sends one log's lines when their time comes ({@code speedUp} times faster than they were written, 0 for
     * as fast as possible), replays failed lines, and finishes after the last line.
     */
    public static class LogSpout extends BaseRichSpout implements IFiniteSpout {
        private final List<LogLine> lines;
        private final double speedUp;
        private transient SpoutOutputCollector out;
        private transient List<LogLine> replays;
        private transient long startMs;
        private transient int next;
        private transient io.squall.utils.Clock clock;

        public LogSpout(List<LogLine> lines, double speedUp) {
            this.lines = List.copyOf(lines);
            this.speedUp = speedUp;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
            replays = new ArrayList<>();
            clock = context.getClock();
            startMs = clock.currentTimeMillis();
        }

        @Override
        public void nextTuple() {
            if (!replays.isEmpty()) {
                send(replays.remove(replays.size() - 1));
                return;
            }
            long elapsed = clock.currentTimeMillis() - startMs;
            while (next < lines.size() && (speedUp <= 0 || lines.get(next).sendMs() / speedUp <= elapsed)) {
                send(lines.get(next++));
            }
        }

        private void send(LogLine l) {
            out.emit(new Values(l.kind(), l.impression(), l.campaign(), l.ts(), l.bot()), l);
        }

        @Override
        public void fail(Object msgId) {
            replays.add((LogLine) msgId);
        }

        @Override
        public boolean isFinished() {
            return lines != null && replays != null && next >= lines.size() && replays.isEmpty();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("kind", "impression", "campaign", "ts", "bot"));
        }
    }

    /** Drops bot traffic; passes everything else on unchanged. Knows nothing of event time. */
    public static class BotFilter extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            if (!input.getBooleanByField("bot")) {
                collector.emit(input.getValues());
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("kind", "impression", "campaign", "ts", "bot"));
        }
    }

    /**
     * Joins each minute's clicks to the impressions they belong to (same impression id, same minute) and emits,
     * per campaign, how many impressions and joined clicks this task saw in the minute, stamped with the
     * minute's end.
     */
    public static class ClickJoin extends BaseWindowedBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            Map<String, String> campaignOf = new HashMap<>();
            for (Tuple t : window.get()) {
                if (t.getStringByField("kind").equals("impression")) {
                    campaignOf.put(t.getStringByField("impression"), t.getStringByField("campaign"));
                }
            }
            Map<String, long[]> counts = new TreeMap<>();
            for (Tuple t : window.get()) {
                String campaign = campaignOf.get(t.getStringByField("impression"));
                if (campaign == null) {
                    continue; // A click whose impression is not in this minute (or was a bot's).
                }
                counts.computeIfAbsent(campaign, k -> new long[2])[t.getStringByField("kind").equals("impression") ? 0 : 1]++;
            }
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                out.emit(window.get(), new Values(e.getKey(), window.getEndTimestamp(), e.getValue()[0], e.getValue()[1]));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("campaign", "ts", "impressions", "clicks"));
        }
    }

    /** Adds up the join tasks' counts per campaign and minute. */
    public static class MinuteCounts extends BaseWindowedBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(TupleWindow window) {
            Map<String, long[]> counts = new TreeMap<>();
            for (Tuple t : window.get()) {
                long[] c = counts.computeIfAbsent(t.getStringByField("campaign"), k -> new long[2]);
                c[0] += t.getLongByField("impressions");
                c[1] += t.getLongByField("clicks");
            }
            for (Map.Entry<String, long[]> e : counts.entrySet()) {
                out.emit(window.get(), new Values(e.getKey(), window.getEndTimestamp(), e.getValue()[0], e.getValue()[1]));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("campaign", "minute", "impressions", "clicks"));
        }
    }

    /** Logs each campaign's minute. */
    public static class Report extends BaseBasicBolt {
        private static final Logger LOG = LoggerFactory.getLogger(Report.class);

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            LOG.info("{} minute to {}: {} impressions, {} clicks", input.getStringByField("campaign"),
                    Instant.ofEpochMilli(input.getLongByField("minute")), input.getLongByField("impressions"),
                    input.getLongByField("clicks"));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The pipeline over {@code logs}, sent {@code speedUp} times faster than written (0: as fast as possible). */
    public static TopologyBuilder builder(Map<String, List<LogLine>> logs, double speedUp) {
        TopologyBuilder b = new TopologyBuilder();
        for (Map.Entry<String, List<LogLine>> log : logs.entrySet()) {
            b.setSpout(log.getKey(), new LogSpout(log.getValue(), speedUp)).withEventTime("ts", OUT_OF_ORDER);
        }
        var filter = b.setBolt("filter", new BotFilter(), 2);
        for (String log : logs.keySet()) {
            filter.shuffleGrouping(log);
        }
        b.setBolt("join", new ClickJoin()
                        .withTumblingWindow(BaseWindowedBolt.Duration.minutes(1))
                        .withTimestampField("ts"), 2)
                .fieldsGrouping("filter", new Fields("impression"));
        b.setBolt("minutes", new MinuteCounts()
                        .withTumblingWindow(BaseWindowedBolt.Duration.minutes(1))
                        .withTimestampField("ts"), 2)
                .fieldsGrouping("join", new Fields("campaign"));
        return b;
    }

    /** Ten minutes of traffic, replayed ten times faster than real time; the report logs each campaign's minutes. */
    public static void main(String[] args) {
        TopologyBuilder b = builder(logs(10, 42), 10);
        b.setBolt("report", new Report()).shuffleGrouping("minutes");
        SquallSubmitter.submitTopology(args.length > 0 ? args[0] : "ad-metrics", new Config(), b.createTopology());
    }
}
