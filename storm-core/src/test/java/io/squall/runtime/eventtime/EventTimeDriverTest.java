package io.squall.runtime.eventtime;

import io.squall.Config;
import io.squall.runtime.eventtime.EventTimeFixtures.Event;
import io.squall.runtime.eventtime.EventTimeFixtures.LateLog;
import io.squall.runtime.eventtime.EventTimeFixtures.PassThrough;
import io.squall.runtime.eventtime.EventTimeFixtures.Result;
import io.squall.runtime.eventtime.EventTimeFixtures.ScheduledSpout;
import io.squall.runtime.eventtime.EventTimeFixtures.SumWindow;
import io.squall.testing.TopologyTestDriver;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static io.squall.runtime.eventtime.EventTimeFixtures.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Event time end to end on simulated time: watermarks declared at three spouts of different speeds pass a
 * shuffle stage and two chained windowed bolts; the results are exactly the windows of the sorted data.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EventTimeDriverTest {
    private static final long SEC = 1000;

    @BeforeEach
    void clearLogs() {
        EventTimeFixtures.LOGS.clear();
    }

    /** Every second, events up to 2 s out of order. */
    static List<Event> fast() {
        List<Event> out = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            long at = i * SEC;
            out.add(new Event(at, "k" + i % 3, at - (i * 37L) % 2000, i));
        }
        return out;
    }

    /** Every 3 s, up to 2 s out of order, silent (idle) from 20 s to 60 s. */
    static List<Event> idleAWhile() {
        List<Event> out = new ArrayList<>();
        for (int i = 1; i <= 33; i++) {
            long at = i * 3 * SEC;
            if (at > 20 * SEC && at < 60 * SEC) {
                continue;
            }
            out.add(new Event(at, "k" + i % 3, at - (i * 53L) % 2000, 1000 + i));
        }
        return out;
    }

    /** Starts at 25 s with events from 20 s on, every 7 s, up to 15 s out of order; and three events 45 s late. */
    static List<Event> slowAndLate() {
        List<Event> out = new ArrayList<>();
        for (int j = 0; j <= 10; j++) {
            long at = 25 * SEC + j * 7 * SEC;
            out.add(new Event(at, "k" + j % 3, at - 5 * SEC - (j * 91L) % 3000, 2000 + j));
            if (j == 3 || j == 6 || j == 9) {
                out.add(new Event(at, "k" + j % 3, at - 45 * SEC, 3000 + j));
            }
        }
        return out;
    }

    static boolean designedLate(Event e) {
        return e.value() >= 3000;
    }

    static TopologyBuilder pipeline() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("fast", new ScheduledSpout("fast", fast())).withEventTime("ts", Duration.ofSeconds(2));
        b.setSpout("idle", new ScheduledSpout("idle", idleAWhile())).withEventTime("ts", Duration.ofSeconds(2))
                .withIdleTimeout(Duration.ofSeconds(5));
        b.setSpout("slow", new ScheduledSpout("slow", slowAndLate())).withEventTime("ts", Duration.ofSeconds(15));
        b.setBolt("shuffle", new PassThrough(), 2).shuffleGrouping("fast").shuffleGrouping("idle")
                .shuffleGrouping("slow");
        b.setBolt("per-key", new SumWindow("per-key", true, "value")
                        .withTumblingWindow(BaseWindowedBolt.Duration.seconds(10))
                        .withTimestampField("ts")
                        .withLateTupleStream("late"), 2)
                .fieldsGrouping("shuffle", new Fields("key"));
        b.setBolt("late", new LateLog("late")).shuffleGrouping("per-key", "late");
        b.setBolt("total", new SumWindow("total", false, "sum")
                        .withTumblingWindow(BaseWindowedBolt.Duration.seconds(30))
                        .withTimestampField("ts"), 1)
                .globalGrouping("per-key");
        return b;
    }

    /** The results of tumbling windows of {@code lengthMs} over the events, computed from the sorted data. */
    static List<Result> expected(List<Event> events, long lengthMs, boolean perKey) {
        Map<List<Object>, long[]> sums = new TreeMap<>(Comparator.comparing((List<Object> k) -> (Long) k.get(0))
                .thenComparing(k -> (String) k.get(1)));
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(Event::ts));
        for (Event e : sorted) {
            long end = Math.floorDiv(e.ts() + lengthMs - 1, lengthMs) * lengthMs;
            long[] cs = sums.computeIfAbsent(List.of(end, perKey ? e.key() : "*"), k -> new long[2]);
            cs[0]++;
            cs[1] += e.value();
        }
        List<Result> out = new ArrayList<>();
        sums.forEach((k, cs) -> out.add(new Result((Long) k.get(0), (String) k.get(1), cs[0], cs[1])));
        return out;
    }

    static List<Result> sorted(List<Object> results) {
        List<Result> out = new ArrayList<>();
        for (Object o : results) {
            out.add((Result) o);
        }
        out.sort(Comparator.comparingLong(Result::end).thenComparing(Result::key));
        return out;
    }

    @Test
    void chainedWindowsBehindAShuffleStageSeeExactlyTheWindowsOfTheSortedData() {
        Config conf = new Config();
        conf.setNumAckers(1);
        List<Event> all = new ArrayList<>();
        all.addAll(fast());
        all.addAll(idleAWhile());
        all.addAll(slowAndLate());
        List<Event> onTime = all.stream().filter(e -> !designedLate(e)).toList();
        try (TopologyTestDriver d = new TopologyTestDriver(pipeline().createTopology(), conf)) {
            d.advance(Duration.ofSeconds(24), Duration.ofMillis(100));
            assertEquals(List.of(), log("per-key"), "nothing fires before the slow spout, which has not sent yet");
            d.advance(Duration.ofSeconds(31), Duration.ofMillis(100));
            assertTrue(sorted(log("per-key")).stream().anyMatch(r -> r.end() == 30 * SEC),
                    "at 55 s the windows up to 30 s fired although the idle spout sent nothing since 18 s: "
                            + log("per-key"));
            d.advance(Duration.ofSeconds(60), Duration.ofMillis(100));

            assertEquals(expected(onTime, 10 * SEC, true), sorted(log("per-key")), "per key and 10 s");
            assertEquals(expected(onTime, 30 * SEC, false), sorted(log("total")), "all keys and 30 s, chained");
            Set<Object> late = new HashSet<>(log("late"));
            Set<Object> designed = new HashSet<>();
            all.stream().filter(EventTimeDriverTest::designedLate)
                    .forEach(e -> designed.add(List.of(e.key(), e.ts(), e.value())));
            assertEquals(designed, late, "exactly the late tuples on the late stream");
            assertEquals(3, d.counts("per-key").lateTuples());
            Set<Object> missed = new HashSet<>();
            all.stream().filter(EventTimeDriverTest::designedLate)
                    .forEach(e -> missed.add(Math.floorDiv(e.ts() + 10 * SEC - 1, 10 * SEC) * 10 * SEC));
            assertEquals(missed, new HashSet<>(log("late-windows")), "each late tuple names the window it missed");
            long emitted = d.counts("fast").emitted() + d.counts("idle").emitted() + d.counts("slow").emitted();
            assertEquals(all.size(), emitted);
            assertEquals(emitted, d.counts("fast").acked() + d.counts("idle").acked() + d.counts("slow").acked(),
                    "every tuple acked, none failed or timed out");
        }
    }

    @Test
    void aBoundedSourceFinishingFiresItsLastWindows() {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            events.add(new Event(i * 10L, "k", i * SEC, i));
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("bounded", new ScheduledSpout("bounded", events)).withEventTime("ts", Duration.ZERO);
        b.setBolt("windows", new SumWindow("windows", false, "value")
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts"))
                .shuffleGrouping("bounded");
        Config conf = new Config();
        conf.setNumAckers(1);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(1), Duration.ofMillis(50));
            assertEquals(expected(events, 10 * SEC, false), sorted(log("windows")),
                    "(20 s, 30 s] fires although no event reaches 30 s: the spout finished");
            assertEquals(25, d.counts("bounded").acked());
        }
    }

    @Test
    void aReplayAtTwentyTimesRealTimeRunsWithTheDefaultMessageTimeout() {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 3600; i++) {
            events.add(new Event(i * 50L, "k", i * SEC, 1)); // An hour of readings, one a second, in three minutes.
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("replay", new ScheduledSpout("replay", events)).withEventTime("ts", Duration.ofSeconds(1));
        b.setBolt("quarter-hours", new SumWindow("quarter-hours", false, "value")
                .withTumblingWindow(BaseWindowedBolt.Duration.minutes(15)).withTimestampField("ts"))
                .shuffleGrouping("replay");
        Config conf = new Config();
        conf.setNumAckers(1); // The default message timeout, 30 s: a quarter hour takes 45 s to replay.
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(190), Duration.ofMillis(250));
            assertEquals(expected(events, 15 * 60 * SEC, false), sorted(log("quarter-hours")));
            assertEquals(0, d.counts("replay").timedOut(), "held tuples had their timeouts reset");
            assertEquals(0, d.counts("replay").failed());
            assertEquals(3600, d.counts("replay").acked());
            assertEquals(List.of(), log("replay-failed"));
        }
    }

    @Test
    void sessionWindowsPerKeyCloseAfterTheGapAndLateTuplesGoToTheLateStream() {
        List<Event> events = List.of(
                new Event(1000, "a", 1000, 1), new Event(2000, "b", 2000, 2), new Event(3000, "a", 3000, 3),
                new Event(7600, "a", 7500, 4), new Event(9000, "b", 9000, 5), new Event(9600, "b", 9500, 6),
                new Event(20_000, "a", 20_000, 7), new Event(21_000, "a", 21_000, 8),
                new Event(22_000, "a", 2000, 9)); // Its session closed at 12.5 s: late.
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("clicks", new ScheduledSpout("clicks", events)).withEventTime("ts", Duration.ZERO);
        b.setBolt("sessions", new SumWindow("sessions", true, "value")
                        .withSessionWindow(BaseWindowedBolt.Duration.seconds(5), "key")
                        .withTimestampField("ts")
                        .withLateTupleStream("late"), 2)
                .fieldsGrouping("clicks", new Fields("key"));
        b.setBolt("late", new LateLog("late")).shuffleGrouping("sessions", "late");
        Config conf = new Config();
        conf.setNumAckers(1);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(24), Duration.ofMillis(100));
            assertEquals(List.of(new Result(7000, "b", 1, 2), new Result(12_500, "a", 3, 8),
                    new Result(14_500, "b", 2, 11), new Result(26_000, "a", 2, 15)), sorted(log("sessions")),
                    "every session; the last closes with the spout's final watermark, no event reaching 26 s");
            assertEquals(List.of(List.of("a", 2000L, 9L)), log("late"));
            assertEquals(events.size(), d.counts("clicks").acked());
        }
    }

    @Test
    void aBoltsIdleTimeoutLetsItGoOnWithoutAnUpstreamTaskThatNeverSends() {
        List<Event> events = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            events.add(new Event(i * SEC, "k", i * SEC, i));
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("talks", new ScheduledSpout("talks", events)).withEventTime("ts", Duration.ZERO);
        b.setBolt("waits", new SumWindow("waits", false, "value")
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts"))
                .shuffleGrouping("talks").shuffleGrouping("never-finishes");
        b.setSpout("never-finishes", new ScheduledSpout("never", List.of(new Event(3_600_000, "k", 1, 0))))
                .withEventTime("ts", Duration.ZERO);
        b.setBolt("goes-on", new SumWindow("goes-on", false, "value")
                .withTumblingWindow(BaseWindowedBolt.Duration.seconds(10)).withTimestampField("ts")
                .withIdleTimeout(BaseWindowedBolt.Duration.seconds(5)))
                .shuffleGrouping("talks").shuffleGrouping("never-finishes");
        Config conf = new Config();
        conf.setNumAckers(1);
        try (TopologyTestDriver d = new TopologyTestDriver(b.createTopology(), conf)) {
            d.advance(Duration.ofSeconds(25), Duration.ofMillis(100));
            assertEquals(List.of(), log("waits"), "an upstream task that has sent nothing holds the watermark");
            assertEquals(List.of(new Result(10 * SEC, "*", 10, 55), new Result(20 * SEC, "*", 10, 155)),
                    sorted(log("goes-on")), "silent for 5 s, it no longer does");
        }
    }
}
