package io.squall.topologies.clickstream;

import io.squall.Config;
import io.squall.spout.IEventTimeSpout;
import io.squall.spout.IFiniteSpout;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The clickstream pipeline by event time (parse → sliding page counts → top pages) on the deterministic driver:
 * 600 clicks over a minute, up to 1.5 s out of order, from a finite spout; the top pages of every 10 s window
 * sliding every 2 s, computed here from the sorted clicks, are exactly what the topology emits, each window once,
 * the last ones fired by the end of input.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClickstreamByEventTimeTest {
    private static final int WINDOW_SECS = 10;
    private static final int SLIDE_SECS = 2;
    private static final ConcurrentLinkedQueue<List<Object>> TOP = new ConcurrentLinkedQueue<>();

    /** Click lines {@code EPOCH_MILLIS USER PAGE}: one every 100 ms, each up to 1.5 s earlier than that. */
    private static List<String> clicks() {
        Random random = new Random(13);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            long ts = 10_000L + i * 100L - random.nextInt(1_500);
            lines.add(ts + " user" + random.nextInt(50) + " " + ClickGenerator.page(ClickGenerator.rank(random, 30),
                    30, i / 200));
        }
        return lines;
    }

    /** {@code (windowEnd, rankings, clicks)} for every window with a click, from the clicks alone. */
    private static Map<Long, List<Object>> expected(List<String> lines) {
        long length = WINDOW_SECS * 1_000L;
        long slide = SLIDE_SECS * 1_000L;
        Map<Long, Map<String, Long>> byEnd = new TreeMap<>();
        for (String line : lines) {
            String[] parts = line.split(" ");
            long ts = Long.parseLong(parts[0]);
            for (long end = Math.floorDiv(ts + slide - 1, slide) * slide; end - length < ts; end += slide) {
                byEnd.computeIfAbsent(end, e -> new HashMap<>()).merge(parts[2], 1L, Long::sum);
            }
        }
        Map<Long, List<Object>> out = new TreeMap<>();
        byEnd.forEach((end, counts) -> out.put(end, List.of(end, TopPages.rank(counts, ClickstreamTopology.TOP_N),
                counts.values().stream().mapToLong(Long::longValue).sum())));
        return out;
    }

    /** Emits the lines as fast as it is asked, reading each click's time from its line; finite. */
    static final class ClickLines extends BaseRichSpout implements IEventTimeSpout, IFiniteSpout {
        private final List<String> lines;
        private transient SpoutOutputCollector out;
        private transient int next;

        ClickLines(List<String> lines) {
            this.lines = lines;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            if (next < lines.size()) {
                out.emit(new Values(lines.get(next++)));
            }
        }

        @Override
        public long getEventTime(String streamId, List<Object> values) {
            return Long.parseLong(values.get(0).toString().split(" ")[0]);
        }

        @Override
        public boolean isFinished() {
            return next >= lines.size();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("value"));
        }
    }

    /** Records what the top pages emit. */
    static final class Record extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            TOP.add(input.getValues());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    void theTopPagesOfEverySlidingWindowAreThoseOfTheSortedClicks() {
        List<String> lines = clicks();
        TopologyBuilder b = ClickstreamTopology.builderByEventTime(new ClickLines(lines), Duration.ofMillis(1_500),
                WINDOW_SECS, SLIDE_SECS);
        b.setBolt("record", new Record()).shuffleGrouping(ClickstreamTopology.TOP_PAGES);
        TOP.clear();
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), new Config())) {
            d.advance(Duration.ofSeconds(5), Duration.ofMillis(50));
        }
        Map<Long, List<Object>> got = new TreeMap<>();
        for (List<Object> r : TOP) {
            List<Object> before = got.put((Long) r.get(0), r);
            assertEquals(null, before, "window ending at " + r.get(0) + " emitted twice");
        }
        Map<Long, List<Object>> want = expected(lines);
        assertEquals(want.keySet(), got.keySet(), "a result for every window with a click, the last ones at the end");
        assertEquals(want, got);
    }
}
