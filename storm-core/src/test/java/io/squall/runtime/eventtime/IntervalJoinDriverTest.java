package io.squall.runtime.eventtime;

import io.squall.Config;
import io.squall.bolt.IntervalJoinBolt;
import io.squall.runtime.eventtime.EventTimeFixtures.Event;
import io.squall.runtime.eventtime.EventTimeFixtures.LateLog;
import io.squall.runtime.eventtime.EventTimeFixtures.ScheduledSpout;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.squall.runtime.eventtime.EventTimeFixtures.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** IntervalJoinBolt on simulated time: exactly the pairs within the interval, state released by the watermark. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IntervalJoinDriverTest {
    private static final long LOWER = 2_000;
    private static final long UPPER = 10_000;

    @BeforeEach
    void clearLogs() {
        EventTimeFixtures.LOGS.clear();
    }

    /** Logs the values of what it gets. */
    static final class Collect extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;
        private final String log;

        Collect(String log) {
            this.log = log;
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            log(log).add(input.getValues());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    static final List<Event> IMPRESSIONS = List.of(new Event(1000, "a", 1000, 1), new Event(2000, "b", 2000, 2),
            new Event(3000, "a", 3000, 3), new Event(30_000, "c", 30_000, 4));
    static final Event LATE_CLICK = new Event(40_000, "a", 2500, 14);
    static final List<Event> CLICKS = List.of(new Event(1500, "a", 1500, 10), new Event(5000, "b", 1000, 12),
            new Event(12_500, "a", 12_500, 11), new Event(25_000, "b", 20_000, 13), new Event(31_000, "c", 29_000, 15),
            LATE_CLICK);

    @Test
    void joinsExactlyThePairsWithinTheIntervalAndReleasesStateAsTheWatermarkPasses() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("impressions", new ScheduledSpout("impressions", IMPRESSIONS))
                .withEventTime("ts", Duration.ofSeconds(1)).withIdleTimeout(Duration.ofSeconds(5));
        b.setSpout("clicks", new ScheduledSpout("clicks", CLICKS)).withEventTime("ts", Duration.ofSeconds(1));
        b.setBolt("join", new IntervalJoinBolt("impressions", "key", "clicks", "key")
                        .between(Duration.ofMillis(LOWER), Duration.ofMillis(UPPER))
                        .withTimestampField("ts")
                        .select("impressions:key, impressions:value, clicks:value")
                        .withLateTupleStream("late"), 2)
                .fieldsGrouping("impressions", new Fields("key"))
                .fieldsGrouping("clicks", new Fields("key"));
        b.setBolt("out", new Collect("joined")).shuffleGrouping("join");
        b.setBolt("late", new LateLog("late")).shuffleGrouping("join", "late");
        Config conf = new Config();
        conf.setNumAckers(1);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(20), Duration.ofMillis(100));
            // The impressions went idle at 8 s; the clicks' watermark passed 11 s at 12.5 s: the impression at
            // 1 s (kept until 1 + 10 s) and the clicks at 1 s and 1.5 s (kept until 2 s after them) were released.
            assertEquals(1, d.counts("impressions").acked(), "released impressions are acked");
            assertEquals(2, d.counts("clicks").acked(), "released clicks are acked");
            d.advance(Duration.ofSeconds(30), Duration.ofMillis(100));

            Set<List<Object>> expected = new HashSet<>();
            for (Event i : IMPRESSIONS) {
                for (Event c : CLICKS) {
                    if (c != LATE_CLICK && i.key().equals(c.key()) && c.ts() >= i.ts() - LOWER
                            && c.ts() <= i.ts() + UPPER) {
                        expected.add(List.of(i.key(), i.value(), c.value()));
                    }
                }
            }
            List<Object> joined = log("joined");
            assertEquals(expected, new HashSet<>(joined), "exactly the pairs within the interval");
            assertEquals(expected.size(), joined.size(), "each once");
            assertEquals(List.of(List.of("a", 2500L, 14L)), log("late"), "the late click on the late stream");
            assertEquals(IMPRESSIONS.size(), d.counts("impressions").acked(), "the final watermark released all");
            assertEquals(CLICKS.size(), d.counts("clicks").acked());
            assertEquals(0, d.counts("impressions").failed() + d.counts("clicks").failed());
        }
    }

    @Test
    void refusesNegativeBoundsAndSelectorsOfOtherStreams() {
        IntervalJoinBolt bolt = new IntervalJoinBolt("a", "k", "b", "k");
        assertThrows(IllegalArgumentException.class, () -> bolt.between(Duration.ofSeconds(-1), Duration.ZERO));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bolt.select("a:x, c:y"));
        assertEquals("IntervalJoinBolt.select: 'c:y' is not a field, nor a:field or b:field", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new IntervalJoinBolt("a", "k", "a", "k"));
    }
}
