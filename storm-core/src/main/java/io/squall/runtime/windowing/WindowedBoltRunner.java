package io.squall.runtime.windowing;

import io.squall.config.ConfigKeys;
import io.squall.runtime.executor.LateTupleCounting;
import io.squall.runtime.api.EventTimeBolt;
import io.squall.runtime.api.RootAcks;
import io.squall.runtime.api.TimedBolt;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.IWindowedBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.WindowedBoltExecutor;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import io.squall.utils.Clock;
import io.squall.utils.TupleUtils;
import io.squall.windowing.LateTuple;
import io.squall.windowing.TimestampExtractor;
import io.squall.windowing.TupleFieldTimestampExtractor;
import io.squall.windowing.TupleWindowImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs an {@link IWindowedBolt} as an ordinary bolt: keeps its tuples in a {@link WindowEngine}, calls
 * {@code execute(TupleWindow)} when a window fires and acks each tuple when it leaves its last window.
 * For windows by event time, a late tuple is emitted on the late-tuple stream (anchored, as a
 * {@link LateTuple}) when one is configured, else logged (at most every ten seconds, with the count since)
 * and dropped; either way it is acked and counted. If {@code execute} throws, the window's tuples are
 * failed so their spouts can replay them.
 *
 * <p>By event time the runtime drives the windows with watermarks ({@link EventTimeBolt}): those its inputs
 * send, less the bolt's lag, fire windows at once; when its inputs send none, the runner derives each input
 * task's watermark from its tuples (newest event time less the lag) and the runtime combines them over every
 * declared input task after every tuple, so what is late depends only on the order tuples arrive in. The runner's own watermark (the one
 * it fired at) goes downstream after the windows it fired. Tuples held by a window by event time have their
 * timeouts reset every third of the message timeout, so a window long in event time needs no long timeout.
 *
 * <p>Windows that hold their tuples long (by duration, or of many tuples) keep a compact copy of each
 * ({@link TupleImpl#compact}): one object instead of the tuple, its list and the list's array, which is what the
 * collector copies and promotes while a window of millions of tuples waits to fire. The bolt sees, anchors to and
 * the runner acks the copies. Windows a checkpoint keeps (stateful windowing) and session windows keep the tuples
 * themselves, as does a tuple the executor needs whole at its ack (a task hook, the execute-latency sample).
 * Executor thread only.
 */
public final class WindowedBoltRunner implements LateTupleCounting, IRichBolt, TimedBolt, EventTimeBolt,
        RootAcks.User {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WindowedBoltRunner.class);
    private static final long LATE_LOG_INTERVAL_MS = TimeUnit.SECONDS.toMillis(10);
    /**
     * Windows by count keep compact copies from this length on. A shorter window's tuples leave it within
     * milliseconds at the rates where copying matters, mostly before a young collection sees them, so the copy
     * would cost an allocation per tuple for nothing.
     */
    static final int COMPACT_FROM_COUNT = 16_384;

    private final IWindowedBolt bolt;
    private transient WindowEngine<Tuple> engine;
    /** Session windows instead of the engine's, or null. */
    private transient SessionWindows<Tuple> sessions;
    private transient Fields sessionKey;
    private transient OutputCollector collector;
    private transient Clock clock;
    private transient TimestampExtractor extractor;
    private transient String componentId;
    private transient Set<Tuple> failed;
    private transient LongAdder lateTuples;
    private transient long lateSinceLog;
    private transient long lastLateLogMs;
    private transient RecentLateWindows lateWindows;
    /** Event time driven by the runtime: whether it tracks watermarks for this bolt. */
    private transient boolean runtimeWatermarks;
    /** Where derived watermarks go, or null when the inputs send watermarks (or by processing time). */
    private transient EventTimeBolt.InputWatermarks derived;
    private transient long lagMs;
    private transient long inputWatermark;
    private transient long resetTimeoutsEveryMs;
    /** How long after a rollback the tuples it failed are awaited: the message timeout; 0 without acking. */
    private transient long replayDeadlineMs;
    private transient long nextResetAt;
    private transient Map<String, Object> topoConf;
    /** The watermark the windows were last driven to by the runtime. */
    private transient long engineWatermark;
    /**
     * After the windows were emptied behind {@link #engineWatermark}: the replayed tuples drive them
     * (each tuple's time less the lag) until they reach it; {@code Long.MIN_VALUE} otherwise.
     */
    private transient long catchUpTo;
    /**
     * After a rollback restored the windows: the event times of the tuples it failed, which the windows wait for
     * before they move past them; null when none is awaited.
     */
    private transient AwaitedReplays awaited;
    /**
     * After a restart restored the windows: the restored watermark, which the windows do not pass until
     * {@link #restartHoldUntilMs}, because the tuples the old worker took in after its last checkpoint are being
     * replayed and nobody knows their times; {@code Long.MAX_VALUE} when there is no such hold.
     */
    private transient long restartHoldAt;
    private transient long restartHoldUntilMs;
    /** Told what the windows hold, for a checkpoint of them; null when nobody keeps one. */
    private transient WindowObserver observer;
    /** The executor's acks by numbers, which says whether a tuple may be held as a copy; null if not offered. */
    private transient RootAcks rootAcks;
    /** Whether the windows keep compact copies of their tuples. */
    private transient boolean compactHeld;

    /**
     * What the windows do with their tuples, told to an owner that checkpoints them (stateful windowing). Calls
     * come on the executor thread, from {@code execute}, {@code onWatermark} and {@code onTime}.
     */
    public interface WindowObserver {
        /** {@code tuple}, with event (or arrival) time {@code ts}, joined the windows. */
        void added(Tuple tuple, long ts);

        /**
         * A window is about to fire with {@code events}, of which {@code newEvents} are new and {@code expired}
         * were reported expired; false keeps it from the bolt (it was evaluated before a restart).
         */
        boolean firing(List<Tuple> events, List<Tuple> newEvents, List<Tuple> expired);

        /** {@code tuple} left its last window; the next window to fire reports it as expired. */
        void expired(Tuple tuple);
    }

    /** Runs {@code bolt}. */
    public WindowedBoltRunner(IWindowedBolt bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IWindowedBolt getBolt() {
        return bolt;
    }

    /** Where late tuples are counted; the runtime passes its per-component counter before {@code prepare}. */
    @Override
    public void countLateTuplesIn(LongAdder counter) {
        this.lateTuples = counter;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.topoConf = topoConf;
        this.componentId = context.getThisComponentId();
        this.clock = context.getClock();
        this.failed = Collections.newSetFromMap(new IdentityHashMap<>());
        if (lateTuples == null) {
            lateTuples = new LongAdder();
        }
        extractor = extractor(topoConf);
        newWindows();
        if (engine.spec().eventTime() && sessions == null) {
            lateWindows = new RecentLateWindows(context, engine.spec().lengthMs());
        }
        lagMs = engine.spec().lagMs();
        inputWatermark = Long.MIN_VALUE;
        engineWatermark = Long.MIN_VALUE;
        catchUpTo = Long.MIN_VALUE;
        restartHoldAt = Long.MAX_VALUE;
        resetTimeoutsEveryMs = resetTimeoutsEveryMs(topoConf);
        Object ackers = topoConf.get(ConfigKeys.TOPOLOGY_ACKER_EXECUTORS.name());
        // Without acking a failed tuple is not replayed: nothing to wait for.
        replayDeadlineMs = ackers instanceof Number n && n.intValue() == 0 ? 0
                : TimeUnit.SECONDS.toMillis(messageTimeoutSecs(topoConf));
        nextResetAt = clock.currentTimeMillis() + resetTimeoutsEveryMs;
        bolt.prepare(topoConf, context, collector);
    }

    private void newWindows() {
        // Windows hold (end - length, end]: start 1 ms back so a tuple arriving in the millisecond of prepare
        // falls inside the first window instead of before it.
        engine = new WindowEngine<>(windowSpec(topoConf), clock.currentTimeMillis() - 1, new Listener());
        long gap = WindowSpec.sessionGapMs(topoConf);
        if (gap > 0) {
            sessions = new SessionWindows<>(gap, new Listener());
            Object key = topoConf.get(ConfigKeys.TOPOLOGY_BOLTS_SESSION_KEY_FIELDS.name());
            sessionKey = key instanceof List<?> l ? new Fields(l.stream().map(String::valueOf).toList()) : null;
        }
        Object lateness = topoConf.get(ConfigKeys.TOPOLOGY_BOLTS_ALLOWED_LATENESS_MS.name());
        if (lateness instanceof Number n && n.longValue() > 0) {
            engine.allowLateness(n.longValue());
        }
        if (runtimeWatermarks) {
            engine.useExternalWatermarks();
        }
    }

    @Override
    public void useRootAcks(RootAcks acks) {
        this.rootAcks = acks;
        WindowSpec spec = engine.spec();
        compactHeld = observer == null && sessions == null
                && (spec.lengthIsDuration() || spec.lengthCount() >= COMPACT_FROM_COUNT);
    }

    /**
     * What the windows keep of {@code input}: its compact copy when they keep copies and the executor needs nothing
     * of the tuple itself at its ack, else the tuple.
     */
    private Tuple held(Tuple input) {
        if (compactHeld && input instanceof TupleImpl t && rootAcks.detachable(input)) {
            return t.compact();
        }
        return input;
    }

    /** Has {@code observer} told what the windows hold from now on (before {@code prepare}). */
    public void observeWith(WindowObserver observer) {
        this.observer = observer;
    }

    /** How many tuples the windows hold. */
    public int heldTuples() {
        if (sessions == null) {
            return engine.size();
        }
        int[] n = {0};
        sessions.forEachHeld(t -> n[0]++);
        return n[0];
    }

    /** Whether the windows are session windows. */
    public boolean sessionWindows() {
        return sessions != null;
    }

    /**
     * Empties the windows, as after a restart, and returns the tuples they held (which nobody acked). Until the
     * replayed tuples reach the watermark the inputs sent last, their own times (less the lag) move the windows.
     */
    public List<Tuple> clearWindows() {
        List<Tuple> held = new java.util.ArrayList<>();
        if (sessions != null) {
            sessions.forEachHeld(held::add);
        } else {
            engine.forEachHeld(held::add);
        }
        failed.clear();
        newWindows();
        awaited = null;
        catchUp();
        return held;
    }

    /**
     * Puts the windows back where a checkpoint left them (windows of {@link WindowEngine}, not sessions), with the
     * watermark they had then. The tuples that came after the checkpoint, at the {@code n} event times
     * {@code failedTimes}, were failed and are being replayed, behind the watermark the inputs sent last: the
     * windows move towards that watermark, and with it later, only up to just before the earliest of those times
     * that has not come back, so a replay is in time again whatever came after the rollback before it. A tuple not
     * replayed within the message timeout is given up (and logged).
     *
     * <p>{@code afterRestart}: the windows are restored in a new worker, which cannot know the times of the tuples
     * the old one took in after the checkpoint: see {@link #holdAfterRestart}.
     */
    public void restoreWindows(List<WindowEngine.HeldEvent<Tuple>> held, List<Tuple> expired,
                               WindowEngine.Progress progress, long[] failedTimes, int n, boolean afterRestart) {
        failed.clear();
        newWindows();
        engine.restore(held, expired, progress);
        catchUpTo = Long.MIN_VALUE;
        long now = clock.currentTimeMillis();
        awaited = runtimeWatermarks && n > 0 && replayDeadlineMs > 0
                ? new AwaitedReplays(failedTimes, n, now + replayDeadlineMs) : null;
        if (afterRestart) {
            holdAfterRestart(); // A rollback during the hold keeps it: it ends only when its time is up.
        }
        moveWindows();
    }

    /**
     * Awaits the replays of {@code n} tuples at the event times {@code times}, failed by the caller: the windows do not
     * move past the earliest of them until it comes back, or for at most a message timeout (as after a rollback).
     */
    public void awaitReplays(long[] times, int n) {
        if (!runtimeWatermarks || n == 0 || replayDeadlineMs <= 0 || sessions != null) {
            return;
        }
        if (awaited == null) {
            awaited = new AwaitedReplays(times, n, clock.currentTimeMillis() + replayDeadlineMs);
        } else {
            for (int i = 0; i < n; i++) {
                awaited.add(times[i]);
            }
        }
        moveWindows();
    }

    /** The event time of {@code input} by the windows' timestamp field or extractor; MIN_VALUE if it has none. */
    public long eventTime(Tuple input) {
        if (extractor == null) {
            return Long.MIN_VALUE;
        }
        try {
            return extractor.extractTimestamp(input);
        } catch (RuntimeException e) {
            return Long.MIN_VALUE; // Reported when the tuple itself comes.
        }
    }

    /**
     * The windows were put back (or emptied) in a new worker after a restart, which cannot know the event times of
     * the tuples the old worker took in since its last checkpoint: they are replayed as their message timeouts
     * expire, behind newer tuples and the watermarks sent with them. The windows stay where they are now for a
     * message timeout, so those replays are in time (event-time windows of {@link WindowEngine} with acking; logged).
     */
    public void holdAfterRestart() {
        if (!runtimeWatermarks || replayDeadlineMs <= 0 || sessions != null) {
            return;
        }
        catchUpTo = Long.MIN_VALUE;
        restartHoldAt = engine.watermark();
        restartHoldUntilMs = clock.currentTimeMillis() + replayDeadlineMs;
        LOG.info("Windowed bolt '{}' holds its windows at watermark {} for {} ms, the message timeout, after a "
                + "restart: for the replays of what the old worker took in after its last checkpoint", componentId,
                restartHoldAt == Long.MIN_VALUE ? "none (empty windows)" : restartHoldAt, replayDeadlineMs);
        moveWindows();
    }

    /**
     * Moves the windows to the watermark of the inputs, but not past a tuple awaited since a rollback, nor past the
     * restored watermark while a restart's hold lasts.
     */
    private void moveWindows() {
        long w = Math.min(engineWatermark, restartHoldAt);
        engine.advanceWatermark(awaited == null ? w : Math.min(w, awaited.holdAt()));
    }

    private void catchUp() {
        // A restart's hold keeps the windows where they are; the replays' own times do not move them either.
        catchUpTo = runtimeWatermarks && sessions == null && engineWatermark > engine.firedWatermark()
                && restartHoldAt == Long.MAX_VALUE ? engineWatermark : Long.MIN_VALUE;
    }

    /** Where the windows stand, for a checkpoint (windows of {@link WindowEngine}). */
    public WindowEngine.Progress windowProgress() {
        return engine.progress();
    }

    /**
     * The bolt's window, from the component's configuration {@code conf}.
     *
     * @throws io.squall.config.InvalidConfigException naming what is wrong with it
     */
    public WindowSpec windowSpec(Map<String, Object> conf) {
        return windowSpec(bolt, conf);
    }

    /**
     * The window of {@code bolt}, from the component's configuration {@code conf}.
     *
     * @throws io.squall.config.InvalidConfigException naming what is wrong with it
     */
    public static WindowSpec windowSpec(IWindowedBolt bolt, Map<String, Object> conf) {
        WindowSpec spec = WindowSpec.from(conf, extractor(bolt, conf) != null);
        Object lateness = conf.get(ConfigKeys.TOPOLOGY_BOLTS_ALLOWED_LATENESS_MS.name());
        if (lateness instanceof Number n && n.longValue() > 0
                && !(spec.eventTime() && spec.lengthIsDuration() && spec.slideIsDuration())) {
            throw new io.squall.config.InvalidConfigException("An allowed lateness (" + n + " ms) needs a window by "
                    + "event time whose length and sliding interval are durations, not a " + spec
                    + ": set a timestamp field or extractor and durations, or remove withAllowedLateness");
        }
        return spec;
    }

    /** A third of the message timeout, or 0 when held tuples cannot time out. */
    private static long resetTimeoutsEveryMs(Map<String, Object> conf) {
        Object acking = conf.get(ConfigKeys.TOPOLOGY_ACKER_EXECUTORS.name());
        Object enabled = conf.get(ConfigKeys.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS.name());
        if (acking instanceof Number n && n.intValue() == 0 || Boolean.FALSE.equals(enabled)) {
            return 0;
        }
        return Math.max(1, TimeUnit.SECONDS.toMillis(messageTimeoutSecs(conf)) / 3);
    }

    private static long messageTimeoutSecs(Map<String, Object> conf) {
        Object secs = conf.get(ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.name());
        return secs instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue()).longValue();
    }

    @Override
    public void useRuntimeWatermarks(EventTimeBolt.InputWatermarks deriveInto) {
        if (extractor == null) {
            return; // Processing time: the watermarks passing through are forwarded by the runtime.
        }
        runtimeWatermarks = true;
        derived = deriveInto;
        engine.useExternalWatermarks();
    }

    @Override
    public void onWatermark(long watermark) {
        inputWatermark = watermark;
        if (!runtimeWatermarks) {
            return;
        }
        // Derived from the tuples, the watermark has the lag taken off already.
        long w = derived != null || watermark == Long.MAX_VALUE ? watermark
                : watermark < Long.MIN_VALUE + lagMs ? Long.MIN_VALUE : watermark - lagMs;
        engineWatermark = w;
        catchUpTo = Long.MIN_VALUE;
        if (sessions != null) {
            sessions.advanceWatermark(w);
        } else {
            moveWindows();
        }
    }

    @Override
    public long outputWatermark() {
        // By processing time the windows have no event time of their own: what came in goes on.
        if (!runtimeWatermarks) {
            return inputWatermark;
        }
        return sessions != null ? sessions.watermark() : engine.firedWatermark();
    }

    private TimestampExtractor extractor(Map<String, Object> conf) {
        return extractor(bolt, conf);
    }

    private static TimestampExtractor extractor(IWindowedBolt bolt, Map<String, Object> conf) {
        Object field = conf.get(ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_FIELD_NAME.name());
        if (bolt.getTimestampExtractor() == null && field != null) {
            return TupleFieldTimestampExtractor.of((String) field);
        }
        return bolt.getTimestampExtractor();
    }

    @Override
    public void execute(Tuple input) {
        if (TupleUtils.isTick(input)) {
            return; // Windows keep their own time; tick tuples are not tracked, so nothing to ack.
        }
        if (extractor == null) {
            long now = clock.currentTimeMillis();
            if (observer != null) {
                observer.added(input, now);
            }
            engine.add(held(input), now);
            return;
        }
        long ts;
        try {
            ts = extractor.extractTimestamp(input);
        } catch (RuntimeException e) {
            collector.reportError(new IllegalArgumentException("Windowed bolt '" + componentId
                    + "' cannot read the event time of a tuple from " + input.getSourceGlobalStreamId() + " with "
                    + extractor + ": " + e.getMessage(), e));
            collector.fail(input);
            return;
        }
        if (derived != null) {
            derived.observe(input.getSourceTask(), ts - lagMs - 1);
        }
        if (observer != null && sessions == null && !engine.isLate(ts)) {
            observer.added(input, ts); // Before the engine has it: adding it may fire a window (allowed lateness).
        }
        boolean added = sessions != null ? sessions.add(sessionKey(input), input, ts)
                : engine.add(held(input), ts, input.getSourceTask());
        if (!added) {
            onLate(input, ts);
        } else if (awaited != null) {
            if (awaited.arrived(ts)) {
                if (awaited.isEmpty()) {
                    awaited = null;
                }
                moveWindows();
            }
        } else if (catchUpTo != Long.MIN_VALUE) {
            // A replay after a restart: the runtime's watermark is past it, so its own time moves the windows.
            long w = Math.min(catchUpTo, ts < Long.MIN_VALUE + lagMs + 1 ? Long.MIN_VALUE : ts - lagMs - 1);
            engine.advanceWatermark(w);
            if (w == catchUpTo) {
                catchUpTo = Long.MIN_VALUE;
            }
        }
    }

    private Object sessionKey(Tuple input) {
        return sessionKey == null ? "" : input.select(sessionKey);
    }

    private void onLate(Tuple input, long ts) {
        lateTuples.increment();
        long missed = sessions == null ? engine.lastWindowEnd(ts) : Long.MIN_VALUE;
        if (lateWindows != null && missed != Long.MIN_VALUE) {
            lateWindows.record(missed);
        }
        String stream = engine.spec().lateTupleStream();
        if (stream != null) {
            collector.emit(stream, input, new Values(new LateTuple(input, ts, missed)));
        } else {
            lateSinceLog++;
            long now = clock.currentTimeMillis();
            if (now - lastLateLogMs >= LATE_LOG_INTERVAL_MS) {
                LOG.warn("Windowed bolt '{}' dropped {} late tuple(s) since the last report (latest: event time {} "
                                + "at or before watermark {}, from {}); {} dropped in all{}. Set a lag with withLag or "
                                + "route them with withLateTupleStream", componentId, lateSinceLog, ts,
                        engine.watermark(), input.getSourceGlobalStreamId(), lateTuples.sum(),
                        lateWindows == null ? "" : "; per window end, latest first: " + lateWindows.snapshot());
                lateSinceLog = 0;
                lastLateLogMs = now;
            }
        }
        collector.ack(input);
    }

    @Override
    public void onTime(long nowMillis) {
        if (!runtimeWatermarks && nowMillis >= engine.nextDeadline()) {
            engine.advance(nowMillis);
        }
        if (awaited != null && awaited.expired(nowMillis)) {
            LOG.warn("Windowed bolt '{}' gives up waiting for {} tuple(s) failed at a rollback, the earliest at event "
                    + "time {}: they were not replayed within the message timeout, so its windows move on without "
                    + "them (a replay that comes later is late)", componentId, awaited.remaining(),
                    awaited.holdAt() + 1);
            awaited = null;
            moveWindows();
        }
        if (restartHoldAt != Long.MAX_VALUE && nowMillis >= restartHoldUntilMs) {
            LOG.info("Windowed bolt '{}' ends the hold at watermark {} that followed its restart: the replays had a "
                    + "message timeout to come", componentId, restartHoldAt);
            restartHoldAt = Long.MAX_VALUE;
            moveWindows();
        }
        if (extractor != null && resetTimeoutsEveryMs > 0 && nowMillis >= nextResetAt) {
            nextResetAt = nowMillis + resetTimeoutsEveryMs;
            if (sessions != null) {
                sessions.forEachHeld(collector::resetTimeout);
            } else {
                engine.forEachHeld(collector::resetTimeout);
            }
        }
    }

    @Override
    public void cleanup() {
        bolt.cleanup();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        new WindowedBoltExecutor(bolt).declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }

    /** Hands fired windows to the bolt and acks what expires. */
    private final class Listener implements WindowEngine.Listener<Tuple> {
        @Override
        public void onWindow(List<Tuple> events, List<Tuple> newEvents, List<Tuple> expired, Long startTs, long endTs) {
            try {
                if (observer != null && !observer.firing(events, newEvents, expired)) {
                    return;
                }
                bolt.execute(new TupleWindowImpl(events, newEvents, expired, startTs, endTs));
            } catch (RuntimeException e) {
                for (Tuple t : events) {
                    if (failed.add(t)) {
                        collector.fail(t);
                    }
                }
                throw e;
            }
        }

        @Override
        public void onExpired(Tuple event) {
            if (observer != null) {
                observer.expired(event);
            }
            // An empty set first: a look-up in an identity set hashes the tuple, which costs an identity hash per
            // tuple held (stored in its header) for nothing in the common case.
            if (failed.isEmpty() || !failed.remove(event)) {
                collector.ack(event);
            }
        }
    }
}
