package io.squall.trident.planner;

import io.squall.runtime.windowing.RecentLateWindows;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.trident.windowing.WindowBatch;
import io.squall.trident.windowing.WindowConfig;
import io.squall.trident.windowing.WindowsStore;
import io.squall.trident.windowing.WindowsStoreFactory;
import io.squall.tuple.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A Trident window over one partition of a stream, or over each group of it after {@code groupBy}, on storm-core's
 * windowing engine ({@link PartitionWindows}). It runs in the commit phase, so batches enter the windows once each and
 * strictly in txid order: a batch's tuples are added (by the time the batch commits, or by their timestamp field),
 * time advances to the commit time, and every window that fires is aggregated and emitted. Each batch is kept in a
 * {@link WindowsStore} while any of its tuples can still be in a window, with what it emitted: a task that restarts
 * replays the kept batches (without emitting) to rebuild its windows, and a commit that is retried emits the same
 * output again. Late tuples (event time) are counted (in total and per window, {@link RecentLateWindows}) and logged,
 * and dropped or sent to the late-tuple stream. By event time, when the spouts upstream declare it
 * ({@code Stream.withEventTime}), the windows run on the watermark that comes with each batch
 * ({@link BatchWatermarks}), less the lag, after adding the batch's tuples, as a windowed bolt runs on its spouts'
 * watermarks; else the watermark is derived per upstream task from the tuples: the least of the tasks' latest
 * timestamps, less the lag. A group's results start with its group values.
 *
 * @param groupFields the fields of the groups, or null for windows over the whole partition
 */
record WindowOp(WindowConfig config, WindowsStoreFactory storeFactory, String windowId, Fields tupleFields,
                Fields groupFields, Fields inputFields, Object aggregator, Fields outFields) implements ProcSpec {
    private static final Logger LOG = LoggerFactory.getLogger(WindowOp.class);
    private static final long LATE_LOG_INTERVAL_NS = 10_000_000_000L;

    @Override
    public boolean commits() {
        return true;
    }

    @Override
    public Processor create() {
        return new WindowProcessor(this);
    }

    /** The aggregator's fields: the output without the group fields. */
    Fields aggregateFields() {
        int skip = groupFields == null ? 0 : groupFields.size();
        return new Fields(outFields.toList().subList(skip, outFields.size()));
    }

    /** A tuple in the windows, with the batch that added it. */
    private record Item(long txid, TridentTupleView tuple) {
    }

    private static final class WindowProcessor extends Processor implements PartitionWindows.Sink<Item> {
        private static final List<Object> WHOLE = List.of();
        private final WindowOp op;
        private final boolean eventTime;
        private final List<TridentTupleView> batch = new ArrayList<>();
        private final List<Integer> sources = new ArrayList<>();
        private final List<List<Object>> fired = new ArrayList<>();
        private final TreeMap<Long, Integer> alive = new TreeMap<>();
        private final TreeMap<Long, Long> keptEventsBefore = new TreeMap<>();
        private Processor aggregation;
        private Selector timestamp;
        private Selector group;
        private List<Object> firingGroup = WHOLE;
        private WindowBatchStore store;
        private PartitionWindows<Item> engine;
        private long startMs;
        private long eventsAdded;
        private long lastApplied = -1;
        private WindowBatch lastBatch;
        private boolean replaying;
        private long lateSinceLog;
        private long lastLateLogNs;
        /** Whether the windows run on the watermarks that come with the batches. */
        private boolean flowingWatermarks;

        WindowProcessor(WindowOp op) {
            super(op.outFields);
            this.op = op;
            this.eventTime = op.config.getTimestampField() != null;
        }

        @Override
        void prepare(ProcessorContext context) {
            super.prepare(context);
            aggregation = new AggregateOp(null, op.inputFields, op.aggregator, op.aggregateFields()).create();
            aggregation.downstream.add(t -> fired.add(firingGroup.isEmpty() ? t.toWire()
                    : concat(firingGroup, t.toWire())));
            if (op.groupFields != null) {
                group = new Selector(op.groupFields);
            }
            aggregation.prepare(context);
            if (op.config.getTimestampField() != null) {
                timestamp = new Selector(new Fields(op.config.getTimestampField()));
            }
            flowingWatermarks = eventTime && context.eventTimeInputs;
            if (eventTime && !op.config.isSession() && op.config.getLengthMs() > 0 && context.lateWindows == null) {
                context.lateWindows = new RecentLateWindows(context.context, op.config.getLengthMs());
            }
            store = new WindowBatchStore(op.storeFactory.create(context.conf), op.windowId,
                    context.operationContext.getPartitionIndex());
            NavigableMap<Long, WindowBatch> kept = store.load();
            if (!kept.isEmpty()) {
                replaying = true;
                for (Map.Entry<Long, WindowBatch> e : kept.entrySet()) {
                    WindowBatch b = e.getValue();
                    if (engine == null) {
                        startMs = b.startMs();
                        newEngine();
                    }
                    List<TridentTupleView> tuples = new ArrayList<>();
                    b.tuples().forEach(values -> tuples.add(new TridentTupleView(op.tupleFields, values)));
                    apply(e.getKey(), tuples, b.timestamps(), b.sources(), b.timeMs(), b.watermark(),
                            new ArrayList<>());
                    keptEventsBefore.put(e.getKey(), b.eventsBefore());
                    lastApplied = e.getKey();
                    lastBatch = b;
                }
                eventsAdded = lastBatch.eventsBefore() + lastBatch.tuples().size();
                replaying = false;
            }
        }

        @Override
        void startBatch() {
            batch.clear();
            sources.clear();
        }

        @Override
        void execute(int input, TridentTupleView tuple) {
            batch.add(tuple);
            sources.add(ctx.sourceTask);
        }

        @Override
        void finishBatch() {
            long txid = ctx.tx.getTransactionId();
            if (txid <= lastApplied) {
                if (txid == lastApplied) {
                    lastBatch.results().forEach(this::emit);
                    emitLate(lastBatch.late());
                }
                return;
            }
            long now = ctx.context.getClock().currentTimeMillis();
            if (engine == null) {
                startMs = now - 1; // Windows hold (end - length, end]: tuples added now must fall inside the first.
                newEngine();
            }
            long watermark = flowingWatermarks ? engineWatermark(ctx.inputWatermark) : Long.MIN_VALUE;
            List<Long> times = new ArrayList<>(batch.size());
            for (TridentTupleView t : batch) {
                times.add(timestamp == null ? now : timeOf(t));
            }
            if (timestamp != null) {
                sortByTime(times);
            }
            List<List<Object>> late = new ArrayList<>();
            fired.clear();
            boolean[] taken = apply(txid, batch, times, sources, now, watermark, late);
            List<List<Object>> tuples = new ArrayList<>();
            List<Long> acceptedTimes = new ArrayList<>();
            List<Integer> acceptedSources = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (taken[i]) {
                    tuples.add(batch.get(i).toWire());
                    acceptedTimes.add(times.get(i));
                    acceptedSources.add(sources.get(i));
                }
            }
            WindowBatch b = new WindowBatch(startMs, now, eventsAdded, acceptedTimes, acceptedSources, tuples,
                    new ArrayList<>(fired), late, watermark);
            store.put(txid, b);
            keptEventsBefore.put(txid, eventsAdded);
            eventsAdded += tuples.size();
            lastApplied = txid;
            lastBatch = b;
            prune(txid);
            b.results().forEach(this::emit);
            emitLate(late);
            batch.clear();
            sources.clear();
        }

        /**
         * Puts the batch in timestamp order (stable). A batch arrives whole, so its order is arbitrary; in time order
         * no tuple of a batch makes an earlier one of the same batch late (a source's first, far-ahead tuple
         * cannot overtake another source's tuples of the same batch).
         */
        private void sortByTime(List<Long> times) {
            List<Integer> order = new ArrayList<>(times.size());
            for (int i = 0; i < times.size(); i++) {
                order.add(i);
            }
            order.sort((x, y) -> Long.compare(times.get(x), times.get(y)));
            List<TridentTupleView> tuples = new ArrayList<>(batch);
            List<Integer> from = new ArrayList<>(sources);
            List<Long> at = new ArrayList<>(times);
            for (int i = 0; i < order.size(); i++) {
                batch.set(i, tuples.get(order.get(i)));
                sources.set(i, from.get(order.get(i)));
                times.set(i, at.get(order.get(i)));
            }
        }

        private long timeOf(TridentTupleView t) {
            Object v = timestamp.values(t).get(0);
            if (!(v instanceof Long ts)) {
                throw new IllegalArgumentException("Window timestamp field '" + op.config.getTimestampField()
                        + "' must hold epoch milliseconds as a Long, got " + (v == null ? "null"
                        : v.getClass().getName() + " " + v));
            }
            return ts;
        }

        private void newEngine() {
            engine = PartitionWindows.create(op.config, group != null, startMs, this);
            if (flowingWatermarks) {
                engine.useExternalWatermarks();
            }
        }

        /**
         * The windows' watermark for a batch's input watermark: less the lag; {@code Long.MIN_VALUE} (no move) while
         * nothing is promised or every input is idle.
         */
        private long engineWatermark(long input) {
            if (input == BatchWatermarks.NONE || input == BatchWatermarks.IDLE) {
                return Long.MIN_VALUE;
            }
            if (input == BatchWatermarks.END) {
                return input;
            }
            long lag = op.config.getLagMs();
            return input < Long.MIN_VALUE + 2 + lag ? Long.MIN_VALUE : input - lag;
        }

        @Override
        long outputWatermark(long input) {
            if (!flowingWatermarks) {
                return input;
            }
            long w = engine == null ? Long.MIN_VALUE : engine.watermark();
            return w == Long.MIN_VALUE ? BatchWatermarks.NONE : w;
        }

        /**
         * Adds the tuples (returns which were taken; the rest are late), then lets time pass to {@code nowMs} or, with
         * the watermarks that flow with the batches, moves the windows to {@code watermark}.
         */
        private boolean[] apply(long txid, List<TridentTupleView> tuples, List<Long> times, List<Integer> from,
                                long nowMs, long watermark, List<List<Object>> late) {
            boolean[] accepted = new boolean[tuples.size()];
            for (int i = 0; i < tuples.size(); i++) {
                Item item = new Item(txid, tuples.get(i));
                List<Object> key = group == null ? WHOLE : group.values(tuples.get(i));
                // Counted before it is added: adding it may fire a window by count that expires it at once.
                alive.merge(txid, 1, Integer::sum);
                boolean taken = true;
                if (eventTime) {
                    taken = engine.add(key, item, times.get(i), from.get(i));
                } else {
                    engine.add(key, item, times.get(i));
                }
                accepted[i] = taken;
                if (!taken) {
                    expired(item); // late: it was not added, so it is no longer counted
                    late.add(tuples.get(i).toWire());
                    countLate(times.get(i));
                }
            }
            if (flowingWatermarks) {
                if (watermark != Long.MIN_VALUE) {
                    engine.advanceWatermark(watermark);
                }
            } else {
                engine.advance(nowMs);
            }
            return accepted;
        }

        private void countLate(long ts) {
            if (replaying) {
                return;
            }
            ctx.lateTuples.increment();
            long missed = engine.lastWindowEnd(ts);
            if (ctx.lateWindows != null && missed != Long.MIN_VALUE) {
                ctx.lateWindows.record(missed);
            }
            lateSinceLog++;
            long now = ctx.context.getClock().nanoTime();
            if (now - lastLateLogNs > LATE_LOG_INTERVAL_NS) {
                LOG.warn("Window '{}' in '{}': {} late tuple(s) {} (watermark {}){}", op.windowId,
                        ctx.context.getThisComponentId(), lateSinceLog,
                        op.config.routesLateTuples() ? "sent to its late-tuple stream" : "dropped", engine.watermark(),
                        ctx.lateWindows == null ? "" : "; per window end, latest first: " + ctx.lateWindows.snapshot());
                lateSinceLog = 0;
                lastLateLogNs = now;
            }
        }

        private void emitLate(List<List<Object>> late) {
            if (!op.config.routesLateTuples()) {
                return;
            }
            for (List<Object> values : late) {
                TridentTupleView t = new TridentTupleView(op.tupleFields, values);
                for (Downstream d : lateDownstream) {
                    d.accept(t);
                }
            }
        }

        /** Drops kept batches none of whose tuples can be in a window again (for count windows: at a slide). */
        private void prune(long txid) {
            long oldest = alive.isEmpty() ? txid + 1 : alive.firstKey();
            // Windows by duration and sessions expire by time alone, so replaying from the oldest batch with a tuple
            // held rebuilds them; count windows (never per group) also need the count since their last slide.
            Long from = op.config.getSlideCount() == 0 ? Long.valueOf(oldest) : null;
            if (from == null) {
                for (Map.Entry<Long, Long> e : keptEventsBefore.headMap(oldest, true).descendingMap().entrySet()) {
                    if (e.getValue() % op.config.getSlideCount() == 0) {
                        from = e.getKey();
                        break;
                    }
                }
            }
            if (from != null && !keptEventsBefore.headMap(from, false).isEmpty()) {
                keptEventsBefore.headMap(from, false).clear();
                store.pruneBefore(from);
            }
        }

        @Override
        public void fired(List<Item> events, long startTs, long endTs) {
            if (replaying) {
                return;
            }
            firingGroup = group == null ? WHOLE : group.values(events.get(0).tuple());
            aggregation.startBatch();
            for (Item e : events) {
                aggregation.execute(0, e.tuple());
            }
            aggregation.finishBatch();
        }

        @Override
        public void expired(Item event) {
            alive.computeIfPresent(event.txid(), (k, n) -> n == 1 ? null : n - 1);
        }

        @Override
        void cleanup() {
            aggregation.cleanup();
            store.close();
        }
    }
}
