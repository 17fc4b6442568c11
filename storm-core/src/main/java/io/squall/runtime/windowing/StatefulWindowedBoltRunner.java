package io.squall.runtime.windowing;

import io.squall.Config;
import io.squall.config.InvalidConfigException;
import io.squall.runtime.api.EventTimeBolt;
import io.squall.runtime.api.TimedBolt;
import io.squall.runtime.executor.LateTupleCounting;
import io.squall.runtime.state.StatefulTaskRunner;
import io.squall.state.KeyValueState;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IStatefulComponent;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;
import io.squall.utils.TupleUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs one task of a stateful windowed bolt: its windows in a {@link WindowedBoltRunner}, its state from the
 * topology's provider (namespace {@code component-task}), both carried through the checkpoint actions by
 * {@link StatefulTaskRunner}, as a stateful bolt's are.
 *
 * <p>Without persistence a window's tuples are acked as they leave their last window and the checkpoint after
 * that commits; a ROLLBACK fails them, and every tuple the windows hold, and empties the windows, so the replay
 * fills them again. With a message id field the task keeps, in the namespace {@code component-task-window},
 * the highest id of the windows it evaluated, and after a rollback it does not hand the bolt again a window
 * whose tuples are all at or below it.
 *
 * <p>With persistence ({@link IStatefulWindowedBolt#isPersistent()}) every tuple the windows hold, with its time
 * and whether a window showed it, is written to {@code component-task-window} as it comes and goes, with the
 * windows' progress at each PREPARE, and every input tuple is acked when the checkpoint after its arrival
 * commits. A ROLLBACK or restart puts the windows back as that checkpoint saw them, with its watermark, fails what
 * came since, and the spouts replay only that; no window fired before the checkpoint fires again. After a ROLLBACK
 * the windows do not move past the earliest event time of a failed tuple until its replay comes, so tuples that
 * reach the bolt before the replays do not make them late. After a restart, when the times of what the old worker
 * took in since the checkpoint are unknown, they stay at the restored watermark for a message timeout instead; so
 * do the emptied windows of a bolt without persistence, whose tuples are all replayed then. Results are emitted
 * unanchored, since their input tuples are acked at the commit, not when the results are. With a message id
 * field, a tuple whose id the windows hold already is acked and counted ({@code window.duplicates}), not added
 * twice. A replay of a tuple the committed windows took in (or, without persistence, saw leave) is acked without
 * reaching the windows, by the log of replay keys every stateful task keeps. Executor thread only.
 */
public final class StatefulWindowedBoltRunner extends StatefulTaskRunner
        implements TimedBolt, EventTimeBolt, LateTupleCounting {
    private static final long serialVersionUID = 1L;
    /** The key of the windows' progress in the window namespace; tuples are under their sequence numbers. */
    static final String PROGRESS_KEY = "progress";
    /** The key of the highest message id of an evaluated window (message id field, without persistence). */
    static final String EVALUATED_KEY = "evaluated-id";
    private static final long NONE = Long.MIN_VALUE;

    private final IStatefulWindowedBolt<State> bolt;
    private final WindowedBoltRunner windows;
    private transient boolean persistent;
    private transient long maxInMemory;
    private transient String idField;
    /** The windows' tuples and progress (persistence), or the highest evaluated id (message id field), or null. */
    private transient KeyValueState<Object, Object> windowState;
    /** Persistence: each held tuple's {sequence number, time}. */
    private transient Map<Tuple, long[]> held;
    /** Persistence: each tuple that left its last window since the last window fired, {sequence number, time}. */
    private transient Map<Tuple, long[]> expired;
    private transient long nextSeq;
    private transient long evaluatedId;
    private transient long skipUpTo;
    private transient LongAdder refused;
    /** Persistence with a message id field: the ids of the tuples the windows hold. */
    private transient java.util.Set<Long> heldIds;
    private transient LongAdder duplicates;
    /**
     * Persistence: the event times of the tuples the windows took in since the last PREPARE, then those since the
     * PREPARE before it (staged, not committed yet): a rollback fails them, and the windows await their replays.
     */
    private transient EventTimes sincePrepare;
    private transient EventTimes staged;
    /** The tuples the windows held at the last PREPARE, for the metrics thread. */
    private transient volatile int heldAtPrepare;
    /** Whether this task restored its windows before: only its first restore can follow a restart. */
    private transient boolean restoredBefore;

    /** Runs {@code bolt}. */
    @SuppressWarnings("unchecked")
    public StatefulWindowedBoltRunner(IStatefulWindowedBolt<?> bolt) {
        this.bolt = (IStatefulWindowedBolt<State>) bolt;
        this.windows = new WindowedBoltRunner(bolt);
    }

    /** The namespace of a task's windows in the provider. */
    public static String windowNamespace(String componentId, int taskId) {
        return namespace(componentId, taskId) + "-window";
    }

    @Override
    protected IStatefulComponent<State> component() {
        return bolt;
    }

    /**
     * Checks what the windows of {@code bolt} can do with its persistence settings, from the component's
     * configuration {@code conf}.
     *
     * @throws InvalidConfigException naming what is wrong
     */
    public static void check(String componentId, IStatefulWindowedBolt<?> bolt, Map<String, Object> conf) {
        if (!bolt.isPersistent()) {
            return;
        }
        if (WindowSpec.sessionGapMs(conf) > 0) {
            throw new InvalidConfigException("Stateful windowed bolt '" + componentId + "' has session windows, which "
                    + "cannot be persisted: remove withPersistence() or use windows by duration or count");
        }
        var spec = WindowedBoltRunner.windowSpec(bolt, conf);
        if (!spec.lengthIsDuration() && spec.lengthCount() > bolt.maxEventsInMemory()) {
            throw new InvalidConfigException("Stateful windowed bolt '" + componentId + "' has windows of "
                    + spec.lengthCount() + " tuples, more than withMaxEventsInMemory(" + bolt.maxEventsInMemory()
                    + "): raise it or shorten the window");
        }
    }

    @Override
    public void countLateTuplesIn(LongAdder counter) {
        windows.countLateTuplesIn(counter);
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        prepareRunner(topoConf, context, collector, "stateful windowed bolt");
        this.persistent = bolt.isPersistent();
        this.maxInMemory = bolt.maxEventsInMemory();
        Object field = topoConf.get(Config.TOPOLOGY_BOLTS_MESSAGE_ID_FIELD_NAME);
        this.idField = field == null ? null : field.toString();
        this.held = new IdentityHashMap<>();
        this.expired = new IdentityHashMap<>();
        this.refused = new LongAdder();
        this.duplicates = new LongAdder();
        this.heldIds = new java.util.HashSet<>();
        this.sincePrepare = new EventTimes();
        this.staged = new EventTimes();
        this.evaluatedId = NONE;
        this.skipUpTo = NONE;
        check(context.getThisComponentId(), bolt, topoConf);
        if (persistent || idField != null) {
            windows.observeWith(new Observer());
        }
        windows.prepare(topoConf, context, new OutputCollector(new WindowCollector()));
        context.registerGauge("window.tuples", () -> heldAtPrepare);
        context.registerGauge("window.refused", refused::sum);
        context.registerGauge("window.duplicates", duplicates::sum);
    }

    @Override
    public void execute(Tuple input) {
        if (TupleUtils.isTick(input)) {
            windows.execute(input);
        } else if (admit(input)) {
            run(input);
        }
        // Else held until the state is initialized or another attempt's updates commit, or acked as committed.
    }

    @Override
    protected void run(Tuple input) {
        if (persistent && idField != null && heldIds.contains(messageId(input))) {
            // Held already: its ack was lost when a worker stopped between a commit and the ack's arrival.
            duplicates.increment();
            holdAck(input);
        } else if (persistent && held.size() >= maxInMemory) {
            // The windows are full: the spout replays the tuple once windows have fired and made room.
            refused.increment();
            out().fail(input);
        } else {
            windows.execute(input);
            if (persistent) {
                holdAck(input);
            }
        }
    }

    @Override
    public void onTime(long nowMillis) {
        windows.onTime(nowMillis);
    }

    @Override
    public void useRuntimeWatermarks(InputWatermarks deriveInto) {
        windows.useRuntimeWatermarks(deriveInto);
    }

    @Override
    public void onWatermark(long watermark) {
        windows.onWatermark(watermark);
    }

    @Override
    public long outputWatermark() {
        return windows.outputWatermark();
    }

    @Override
    protected void beforePrepare(long txid) {
        heldAtPrepare = windows.heldTuples();
        staged.takeAll(sincePrepare);
        if (persistent) {
            WindowEngine.Progress p = windows.windowProgress();
            windowState.put(PROGRESS_KEY, new WindowProgress(p.firedWatermark(), p.nextFire(), p.countSinceFire(),
                    nextSeq, evaluatedId));
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    protected List<State> openMoreStates() {
        if (!persistent && idField == null) {
            return List.of();
        }
        State w = StateFactory.getState(windowNamespace(context().getThisComponentId(), context().getThisTaskId()),
                topoConf(), context());
        if (!(w instanceof KeyValueState<?, ?>)) {
            throw new IllegalStateException("the provider's state is a " + w.getClass().getName()
                    + ", not a KeyValueState, so it cannot keep the windows");
        }
        windowState = (KeyValueState<Object, Object>) w;
        return List.of(windowState);
    }

    @Override
    protected void afterCommit(long txid) {
        staged.clear();
    }

    @Override
    protected void restored() {
        restoreWindows();
        staged.clear();
        sincePrepare.clear();
    }

    /** Puts the windows back as the last commit saw them, or empties them (failing what they held). */
    private void restoreWindows() {
        WindowProgress progress = windowState == null ? null : (WindowProgress) windowState.get(PROGRESS_KEY);
        evaluatedId = NONE;
        if (idField != null) {
            Object id = windowState.get(EVALUATED_KEY);
            evaluatedId = id instanceof Long l ? l : NONE;
        }
        skipUpTo = evaluatedId;
        boolean afterRestart = !restoredBefore && resumed();
        restoredBefore = true;
        if (!persistent) {
            for (Tuple t : windows.clearWindows()) {
                out().fail(t);
            }
            EventTimes early = earlyTimes();
            windows.awaitReplays(early.times(), early.size());
            if (afterRestart) {
                windows.holdAfterRestart();
            }
            return;
        }
        List<Map.Entry<Long, WindowedTuple>> stored = new ArrayList<>();
        for (Map.Entry<Object, Object> e : windowState) {
            if (e.getKey() instanceof Long seq && e.getValue() instanceof WindowedTuple w) {
                stored.add(Map.entry(seq, w));
            }
        }
        stored.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
        held.clear();
        expired.clear();
        heldIds.clear();
        List<WindowEngine.HeldEvent<Tuple>> events = new ArrayList<>();
        List<Tuple> gone = new ArrayList<>();
        long maxSeq = -1;
        for (Map.Entry<Long, WindowedTuple> e : stored) {
            WindowedTuple w = e.getValue();
            Tuple t = w.toTuple();
            long[] where = {e.getKey(), w.ts()};
            maxSeq = Math.max(maxSeq, e.getKey());
            if (w.expired()) {
                expired.put(t, where);
                gone.add(t);
            } else {
                held.put(t, where);
                if (idField != null) {
                    heldIds.add(messageId(t));
                }
                events.add(new WindowEngine.HeldEvent<>(t, w.ts(), w.seen()));
            }
        }
        nextSeq = Math.max(maxSeq + 1, progress == null ? 0 : progress.nextSeq());
        WindowEngine.Progress p = progress == null ? new WindowEngine.Progress(Long.MIN_VALUE, Long.MIN_VALUE, 0)
                : new WindowEngine.Progress(progress.firedWatermark(), progress.nextFire(), progress.countSinceFire());
        staged.takeAll(sincePrepare); // Failed by the rollback, with the tuples staged at an uncommitted PREPARE.
        staged.takeAll(earlyTimes());
        windows.restoreWindows(events, gone, p, staged.times(), staged.size(), afterRestart);
    }

    /**
     * The event times of the tuples that came before the state was initialized, which the task fails now: the
     * windows await their replays, as they await those of tuples a rollback failed. Else the watermarks that moved
     * on meanwhile would make them late.
     */
    private EventTimes earlyTimes() {
        EventTimes times = new EventTimes();
        for (Tuple t : earlyTuples()) {
            long ts = windows.eventTime(t);
            if (ts != Long.MIN_VALUE) {
                times.add(ts);
            }
        }
        return times;
    }

    @Override
    public void cleanup() {
        cleanupRunner();
        windows.cleanup();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        windows.declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }

    private long messageId(Tuple t) {
        Object v;
        try {
            v = t.getValueByField(idField);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name() + ": a tuple from " + t.getSourceGlobalStreamId()
                    + " has no message id field '" + idField + "' (its fields are " + t.getFields()
                    + "); declare it or fix withMessageIdField", e);
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(name() + ": message id field '" + idField + "' holds "
                    + (v == null ? "null" : "a " + v.getClass().getName()) + ", not an increasing number");
        }
        return n.longValue();
    }

    /** Writes what the windows hold to the window namespace, and skips windows evaluated before a rollback. */
    private final class Observer implements WindowedBoltRunner.WindowObserver {
        @Override
        public void added(Tuple tuple, long ts) {
            if (!persistent) {
                return;
            }
            long[] where = {nextSeq++, ts};
            held.put(tuple, where);
            sincePrepare.add(ts);
            if (idField != null) {
                heldIds.add(messageId(tuple));
            }
            windowState.put(where[0], new WindowedTuple(tuple, ts, false, false));
        }

        @Override
        public boolean firing(List<Tuple> events, List<Tuple> newEvents, List<Tuple> gone) {
            if (persistent) {
                for (Tuple t : newEvents) {
                    long[] where = held.get(t);
                    if (where != null) {
                        windowState.put(where[0], new WindowedTuple(t, where[1], true, false));
                    }
                }
                for (Tuple t : gone) {
                    long[] where = expired.remove(t);
                    if (where != null) {
                        windowState.delete(where[0]);
                    }
                }
                return true;
            }
            long max = NONE;
            for (Tuple t : events) {
                max = Math.max(max, messageId(t));
            }
            if (max <= skipUpTo) {
                return false; // Evaluated, and its updates committed, before the rollback.
            }
            if (max > evaluatedId) {
                evaluatedId = max;
                windowState.put(EVALUATED_KEY, evaluatedId);
            }
            return true;
        }

        @Override
        public void expired(Tuple tuple) {
            if (!persistent) {
                return;
            }
            long[] where = held.remove(tuple);
            if (idField != null) {
                heldIds.remove(messageId(tuple));
            }
            if (where != null) {
                expired.put(tuple, where);
                windowState.put(where[0], new WindowedTuple(tuple, where[1], true, true));
            }
        }
    }

    /** A growing list of event times, without a box per time. */
    private static final class EventTimes {
        private long[] times = new long[16];
        private int size;

        void add(long ts) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
            }
            times[size++] = ts;
        }

        void takeAll(EventTimes other) {
            for (int i = 0; i < other.size; i++) {
                add(other.times[i]);
            }
            other.clear();
        }

        void clear() {
            size = 0;
        }

        long[] times() {
            return times;
        }

        int size() {
            return size;
        }
    }

    /**
     * The collector of the windows and the bolt. Without persistence acks wait for the commit; with it they are
     * the runner's to make (each input is acked at the commit after it came), emits are unanchored and timeouts
     * need no reset.
     */
    private final class WindowCollector implements IOutputCollector {
        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return out().emit(streamId, persistent ? null : anchors, tuple);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            out().emitDirect(taskId, streamId, persistent ? null : anchors, tuple);
        }

        @Override
        public void ack(Tuple input) {
            if (!persistent) {
                holdAck(input);
            }
        }

        @Override
        public void fail(Tuple input) {
            out().fail(input);
        }

        @Override
        public void resetTimeout(Tuple input) {
            if (!persistent) {
                out().resetTimeout(input);
            }
        }

        @Override
        public void reportError(Throwable error) {
            out().reportError(error);
        }
    }
}
