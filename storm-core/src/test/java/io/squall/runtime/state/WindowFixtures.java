package io.squall.runtime.state;

import io.squall.spout.SpoutOutputCollector;
import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseStatefulWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Components of a stateful windowed topology whose outcome a test can check exactly: a spout of readings
 * (id, event time id × {@link #STEP_MS}) that replays what fails, and a persistent windowed bolt that records
 * every window it evaluates and keeps, in its state, each window's tuple ids and a running total. Tasks are
 * copies made from serialized bytes, so what a test reads lives in static maps keyed by a run name.
 */
public final class WindowFixtures {
    /** Event time between two readings. */
    public static final long STEP_MS = 100;
    /** What each run's components share with the test, by run name. */
    public static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private WindowFixtures() {
    }

    /** What one run's components share with the test. */
    public static final class Run {
        public final int readings;
        public final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        /** Ids the spout emitted since {@link #emitted} was last cleared (a restart). */
        public final Set<Integer> emitted = ConcurrentHashMap.newKeySet();
        /** Every window the bolt evaluated, in order: its end, and the ids it held. */
        public final List<Map.Entry<Long, List<Integer>>> fired = new CopyOnWriteArrayList<>();
        /** How many of the bolt's next PREPAREs fail (each one a ROLLBACK). */
        public final AtomicInteger refusePrepares = new AtomicInteger();
        /** How many of the bolt's next state initializations fail (the checkpoint spout tries again an interval on). */
        public final AtomicInteger refuseInits = new AtomicInteger();
        /**
         * How many readings never sent before the spout sends before it replays those that failed (0: replays
         * first), as a spout that backs off before a retry moves on meanwhile.
         */
        public volatile int freshBeforeReplay;

        public Run(int readings) {
            this.readings = readings;
        }

        public boolean done() {
            return acked.size() == readings;
        }

        /** Each tumbling window of {@code lengthMs} that ends at or before {@code upTo}: its end and ids. */
        public Map<Long, List<Integer>> expectedWindows(long lengthMs, long upTo) {
            Map<Long, List<Integer>> w = new TreeMap<>();
            for (int id = 0; id < readings; id++) {
                long ts = id * STEP_MS;
                long end = Math.floorDiv(ts + lengthMs - 1, lengthMs) * lengthMs; // Windows hold (end - length, end].
                if (end <= upTo) {
                    w.computeIfAbsent(end, e -> new java.util.ArrayList<>()).add(id);
                }
            }
            return w;
        }
    }

    /**
     * Emits each reading of its run in id order, with the id as message id, and replays those that fail before
     * any later id, as a log's reader rewinds to the first failed offset; or, with {@link Run#freshBeforeReplay},
     * after that many later ids, as a spout that backs off before a retry (and, opened again, so it replays what
     * the run emitted before without an ack).
     */
    public static final class ReadingSpout extends BaseRichSpout {
        private final String run;
        private transient SpoutOutputCollector collector;
        private transient PriorityQueue<Integer> toSend;
        /** Failed readings waiting for {@link Run#freshBeforeReplay} fresh ones to go first. */
        private transient PriorityQueue<Integer> backingOff;
        private transient int freshSinceFail;

        public ReadingSpout(String run) {
            this.run = run;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            Run r = RUNS.get(run);
            toSend = new PriorityQueue<>();
            backingOff = new PriorityQueue<>();
            // With freshBeforeReplay, what an earlier run emitted and nobody acked is replayed as a surviving spout
            // replays it once its timeout expires: after fresh readings.
            Set<Integer> emittedBefore = r.freshBeforeReplay > 0 ? Set.copyOf(r.emitted) : Set.of();
            for (int id = 0; id < r.readings; id++) {
                if (!r.acked.contains(id)) {
                    (emittedBefore.contains(id) ? backingOff : toSend).add(id);
                }
            }
        }

        @Override
        public void nextTuple() {
            Run r = RUNS.get(run);
            if (!backingOff.isEmpty() && (freshSinceFail >= r.freshBeforeReplay || toSend.isEmpty())) {
                toSend.addAll(backingOff);
                backingOff.clear();
            }
            Integer id = toSend.poll();
            if (id != null) {
                if (!backingOff.isEmpty()) {
                    freshSinceFail++;
                }
                r.emitted.add(id);
                collector.emit(new Values(id, id * STEP_MS), id);
            }
        }

        @Override
        public void ack(Object msgId) {
            RUNS.get(run).acked.add((Integer) msgId);
        }

        @Override
        public void fail(Object msgId) {
            if (backingOff.isEmpty()) {
                freshSinceFail = 0;
            }
            backingOff.add((Integer) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "ts"));
        }
    }

    /**
     * Records each window it evaluates, and keeps in its state each window's ids (by window end) and the total
     * of the ids of every window evaluated (key -1), which counts a window evaluated twice twice.
     */
    public static final class WindowRecorder extends BaseStatefulWindowedBolt<KeyValueState<Long, Object>> {
        private final String run;
        private transient KeyValueState<Long, Object> state;
        private transient OutputCollector collector;

        public WindowRecorder(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void initState(KeyValueState<Long, Object> state) {
            if (RUNS.get(run).refuseInits.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("initializations held by the test");
            }
            this.state = state;
        }

        @Override
        public void execute(TupleWindow window) {
            List<Integer> ids = window.get().stream().map(t -> t.getIntegerByField("id")).sorted().toList();
            long end = window.getEndTimestamp();
            RUNS.get(run).fired.add(Map.entry(end, ids));
            state.put(end, new java.util.ArrayList<>(ids));
            long sum = ids.stream().mapToLong(Integer::longValue).sum();
            state.put(-1L, (Long) state.get(-1L, 0L) + sum);
            collector.emit(new Values(end, ids.size()));
        }

        @Override
        public void prePrepare(long txid) {
            if (RUNS.get(run).refusePrepares.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure preparing " + txid);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("end", "count"));
        }
    }
}
