package io.squall.runtime.driver;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.TupleUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spouts and bolts for the driver tests. Components are serialized into the topology and copied per task,
 * so what they see is recorded in static logs keyed by a name each test picks.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** What a test's components saw, by log name. */
    static final Map<String, List<Object>> LOGS = new ConcurrentHashMap<>();

    static List<Object> log(String name) {
        return LOGS.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>()));
    }

    /** One received tuple: who got it and what. */
    record Received(int task, String stream, List<Object> values) { }

    /**
     * Emits {@code count} tuples ("key", n) with message ids n, or forever when {@code count} is negative;
     * logs acks as "ack n" and fails as "fail n" in {@code log}.
     */
    static final class CountingSpout extends BaseRichSpout {
        private static final long serialVersionUID = 1L;
        private final String log;
        private final int count;
        private final int keys;
        private transient SpoutOutputCollector collector;
        private transient int next;

        CountingSpout(String log, int count, int keys) {
            this.log = log;
            this.count = count;
            this.keys = keys;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void nextTuple() {
            if (count >= 0 && next >= count) {
                return;
            }
            int n = next++;
            collector.emit(new Values("k" + (n % keys), n), n);
        }

        @Override
        public void ack(Object msgId) {
            log(log).add("ack " + msgId);
        }

        @Override
        public void fail(Object msgId) {
            log(log).add("fail " + msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "n"));
        }
    }

    /** What a {@link RecordingBolt} does with each input after logging it. */
    enum Then { ACK, FAIL, HOLD }

    /** Logs each tuple it gets as a {@link Received} (ticks included), then acks, fails or holds it. */
    static final class RecordingBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final String log;
        private final Then then;
        private transient OutputCollector collector;
        private transient int task;

        RecordingBolt(String log, Then then) {
            this.log = log;
            this.then = then;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.task = context.getThisTaskId();
            LOGS.putIfAbsent(log + "-tasks", new ArrayList<Object>(context.getThisComponentTasks()));
        }

        @Override
        public void execute(Tuple input) {
            log(log).add(new Received(task, TupleUtils.isTick(input) ? "tick" : input.getSourceStreamId(),
                    input.getValues()));
            if (then == Then.ACK) {
                collector.ack(input);
            } else if (then == Then.FAIL) {
                collector.fail(input);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** Emits two children of each input, anchored to it, then acks it. */
    static final class SplitBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            collector.emit(input, new Values(input.getValue(0), input.getValue(1), "a"));
            collector.emit(input, new Values(input.getValue(0), input.getValue(1), "b"));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("key", "n", "part"));
        }
    }

    /**
     * Holds inputs until it has two of them, then emits one child anchored to both (two trees) and acks both:
     * every child joins two trees, so a tree completes only when its partner's descendants do too.
     */
    static final class PairBolt extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private transient OutputCollector collector;
        private transient Tuple held;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            if (held == null) {
                held = input;
                return;
            }
            collector.emit(List.of(held, input), new Values(held.getValue(1) + "+" + input.getValue(1)));
            collector.ack(held);
            collector.ack(input);
            held = null;
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("pair"));
        }
    }
}
