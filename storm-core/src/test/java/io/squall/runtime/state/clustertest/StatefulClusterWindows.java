package io.squall.runtime.state.clustertest;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseStatefulWindowedBolt;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.io.BufferedWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The persistent stateful windowed bolt of the cluster tests, shipped in the JAR the test builds: a spout of
 * readings (id, event time id × {@link #STEP_MS}) → a bolt with a sliding event-time window of
 * {@link #LENGTH_MS} every {@link #SLIDE_MS} and {@code withPersistence()}. The spout stands for a durable source,
 * as {@link StatefulClusterWordCount}'s does: it records its acks in files of a shared directory, and a new
 * spout emits, in id order, every reading not acked yet. The bolt records every window it evaluates (one line per
 * window: end, the ids of {@code get()}, the ids of {@code getNew()}) in {@code fired-TASK-PID.txt}, so the test
 * knows which worker holds it; in its state it keeps each window's ids by end and, under key -1, the total of the
 * ids of every window it evaluated, which would count a window applied twice twice.
 */
public final class StatefulClusterWindows {
    /** Event time between two readings. */
    public static final long STEP_MS = 100;
    /** The window's length and slide, in event time. */
    public static final long LENGTH_MS = 2_000;
    public static final long SLIDE_MS = 1_000;
    /** The watermark's lag behind the latest event time. */
    public static final long LAG_MS = 1_000;
    /** The state key of the running total. */
    public static final long TOTAL_KEY = -1L;

    private StatefulClusterWindows() {
    }

    /** One line of the bolt's records: a window's end and the ids it showed. */
    public record Fired(long end, List<Integer> ids, List<Integer> newIds) {
        static String line(long end, List<Integer> ids, List<Integer> newIds) {
            return end + " " + join(ids) + " " + join(newIds);
        }

        /** Parses a record line. */
        public static Fired parse(String line) {
            String[] parts = line.split(" ", -1);
            return new Fired(Long.parseLong(parts[0]), ids(parts[1]), ids(parts[2]));
        }

        private static String join(List<Integer> ids) {
            return ids.isEmpty() ? "-" : ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        }

        private static List<Integer> ids(String s) {
            List<Integer> out = new ArrayList<>();
            if (!s.equals("-")) {
                for (String id : s.split(",")) {
                    out.add(Integer.parseInt(id));
                }
            }
            return out;
        }
    }

    /**
     * Emits readings {@code 0..total-1} in id order with the id as message id; a failed reading is emitted again
     * before any later id, as a log's reader rewinds to the first failed offset. Records acks.
     */
    public static class ReadingSpout extends BaseRichSpout {
        private final String dir;
        private final int total;
        private transient SpoutOutputCollector collector;
        private transient BufferedWriter acked;
        private transient PriorityQueue<Integer> toSend;

        public ReadingSpout(String dir, int total) {
            this.dir = dir;
            this.total = total;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            Set<Integer> ackedBefore = new HashSet<>();
            for (String line : StatefulClusterWordCount.records(Path.of(dir), "acked-")) {
                ackedBefore.add(Integer.parseInt(line.trim()));
            }
            this.acked = StatefulClusterWordCount.openRecord(dir, "acked", context.getThisTaskId());
            this.toSend = new PriorityQueue<>();
            for (int id = 0; id < total; id++) {
                if (!ackedBefore.contains(id)) {
                    toSend.add(id);
                }
            }
        }

        @Override
        public void nextTuple() {
            Integer id = toSend.poll();
            if (id != null) {
                collector.emit(new Values(id, id * STEP_MS), id);
            }
        }

        @Override
        public void ack(Object msgId) {
            StatefulClusterWordCount.writeLine(acked, String.valueOf(msgId));
        }

        @Override
        public void fail(Object msgId) {
            toSend.add((Integer) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "ts"));
        }
    }

    /** Records each window it evaluates; keeps each window's ids and the running total in its state. */
    public static class WindowRecorder extends BaseStatefulWindowedBolt<KeyValueState<Long, Object>> {
        private final String dir;
        private transient KeyValueState<Long, Object> state;
        private transient OutputCollector collector;
        private transient BufferedWriter fired;

        public WindowRecorder(String dir) {
            this.dir = dir;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.fired = StatefulClusterWordCount.openRecord(dir, "fired", context.getThisTaskId());
        }

        @Override
        public void initState(KeyValueState<Long, Object> state) {
            this.state = state;
        }

        @Override
        public void execute(TupleWindow window) {
            List<Integer> ids = ids(window.get());
            long end = window.getEndTimestamp();
            StatefulClusterWordCount.writeLine(fired, Fired.line(end, ids, ids(window.getNew())));
            state.put(end, new ArrayList<>(ids));
            long sum = ids.stream().mapToLong(Integer::longValue).sum();
            state.put(TOTAL_KEY, (Long) state.get(TOTAL_KEY, 0L) + sum);
            collector.emit(new Values(end, ids.size()));
        }

        private static List<Integer> ids(List<Tuple> tuples) {
            return tuples.stream().map(t -> t.getIntegerByField("id")).sorted().toList();
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("end", "count"));
        }
    }

    /** The topology: the spout, and the windows on one executor. */
    public static StormTopology topology(String dir, int total) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("readings", new ReadingSpout(dir, total), 1);
        b.setBolt("windows", new WindowRecorder(dir)
                .withWindow(Duration.of((int) LENGTH_MS), Duration.of((int) SLIDE_MS))
                .withTimestampField("ts")
                .withLag(Duration.of((int) LAG_MS))
                .withMessageIdField("id") // A kill between a commit and its acks replays tuples the windows hold.
                .withPersistence(), 1).shuffleGrouping("readings");
        return b.createTopology();
    }

    /**
     * {@link StatefulClusterConf#conf} with one acker and a pending limit that keeps the readings flowing for a few
     * seconds of checkpoints (each reading is acked at the commit after its arrival).
     */
    public static Config conf(String provider, String providerConfig) {
        return StatefulClusterConf.conf(provider, providerConfig, 1, 200);
    }

    /** {@code NAME DIR TOTAL PROVIDER PROVIDER_CONFIG_JSON}: submits the topology, as {@code bin/squall jar} does. */
    public static void main(String[] args) {
        SquallSubmitter.submitTopology(args[0], conf(args[3], args[4]), topology(args[1], Integer.parseInt(args[2])));
    }
}
