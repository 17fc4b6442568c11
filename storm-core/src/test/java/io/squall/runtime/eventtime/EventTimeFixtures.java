package io.squall.runtime.eventtime;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.spout.IFiniteSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.Clock;
import io.squall.windowing.LateTuple;
import io.squall.windowing.TupleWindow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spouts and bolts for the event-time tests. Components are copied per task, so what they see goes to
 * static logs keyed by a name each test picks.
 */
final class EventTimeFixtures {
    private EventTimeFixtures() {
    }

    static final Map<String, List<Object>> LOGS = new ConcurrentHashMap<>();

    static List<Object> log(String name) {
        return LOGS.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()));
    }

    /** One event: emitted at processing time {@code emitAtMs}, with event time {@code ts}. */
    record Event(long emitAtMs, String key, long ts, long value) implements Serializable {
    }

    /** A window's result: the window's end, a key (or "*"), how many events and their sum. */
    record Result(long end, String key, long count, long sum) {
    }

    /**
     * Emits its events (fields key, ts, value) when the topology's clock reaches their emit times, with the
     * event as message id; replays what fails. Finished once all are emitted.
     */
    static final class ScheduledSpout extends BaseRichSpout implements IFiniteSpout {
        private static final long serialVersionUID = 1L;
        private final String log;
        private final List<Event> events;
        private transient SpoutOutputCollector collector;
        private transient Clock clock;
        private transient int next;
        private transient List<Event> replays;

        ScheduledSpout(String log, List<Event> events) {
            this.log = log;
            this.events = List.copyOf(events);
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.clock = context.getClock();
            this.replays = new ArrayList<>();
        }

        @Override
        public void nextTuple() {
            if (!replays.isEmpty()) {
                send(replays.remove(0));
                return;
            }
            long now = clock.currentTimeMillis();
            while (next < events.size() && events.get(next).emitAtMs() <= now) {
                send(events.get(next++));
            }
        }

        private void send(Event e) {
            collector.emit(new Values(e.key(), e.ts(), e.value()), e);
        }

        @Override
        public void fail(Object msgId) {
            log(log + "-failed").add(msgId);
            replays.add((Event) msgId);
        }

        @Override
        public boolean isFinished() {
            return next >= events.size() && replays.isEmpty();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "ts", "value"));
        }
    }

    /** Passes every tuple on unchanged: a plain stage that knows nothing of event time. */
    static final class PassThrough extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            collector.emit(input.getValues());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "ts", "value"));
        }
    }

    /**
     * Sums field "value" per key (or over all keys) per window; emits (key, ts = window end, count, sum) anchored
     * to the window's tuples, and logs each result with the processing time it fired at in {@code log}.
     */
    static final class SumWindow extends BaseWindowedBolt {
        private static final long serialVersionUID = 1L;
        private final String log;
        private final boolean perKey;
        private final String valueField;
        private transient OutputCollector collector;
        private transient Clock clock;

        SumWindow(String log, boolean perKey, String valueField) {
            this.log = log;
            this.perKey = perKey;
            this.valueField = valueField;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.clock = context.getClock();
        }

        @Override
        public void execute(TupleWindow window) {
            Map<String, long[]> byKey = new TreeMap<>();
            for (Tuple t : window.get()) {
                long[] cs = byKey.computeIfAbsent(perKey ? t.getStringByField("key") : "*", k -> new long[2]);
                cs[0] += valueField.equals("value") ? 1 : t.getLongByField("count");
                cs[1] += t.getLongByField(valueField);
            }
            for (Map.Entry<String, long[]> e : byKey.entrySet()) {
                Result r = new Result(window.getEndTimestamp(), e.getKey(), e.getValue()[0], e.getValue()[1]);
                log(log).add(r);
                log(log + "-fired-at").add(new long[] {r.end(), clock.currentTimeMillis()});
                collector.emit(window.get(), new Values(e.getKey(), r.end(), r.count(), r.sum()));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "ts", "count", "sum"));
        }
    }

    /** Logs the events of the late tuples it gets (field late_tuple). */
    static final class LateLog extends BaseBasicBolt {
        private static final long serialVersionUID = 1L;
        private final String log;

        LateLog(String log) {
            this.log = log;
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            LateTuple late = (LateTuple) input.getValueByField("late_tuple");
            log(log).add(List.of(late.getStringByField("key"), late.getLongByField("ts"), late.getLongByField("value")));
            log(log + "-windows").add(late.getWindowEnd());
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }
}
