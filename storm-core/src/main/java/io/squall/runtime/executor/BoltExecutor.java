package io.squall.runtime.executor;

import io.squall.Constants;
import io.squall.config.TopologySettings;
import io.squall.hooks.TaskHooks;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.api.CheckpointedBolt;
import io.squall.runtime.api.EventTimeBolt;
import io.squall.runtime.api.RootAcks;
import io.squall.runtime.api.TimedBolt;
import io.squall.runtime.eventtime.BoltWatermarks;
import io.squall.runtime.eventtime.Watermark;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.routing.Route;
import io.squall.runtime.routing.Router;
import io.squall.runtime.state.BarrierAligner;
import io.squall.runtime.stats.ComponentStats;
import io.squall.runtime.stats.InputStats;
import io.squall.task.IBolt;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.SingleAnchorCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.ComponentSpec;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tasks of a bolt. Each round: drain the queue, calling {@code execute} for each tuple; send
 * tick tuples when due; publish. A bolt that throws fails its input (so the spout can replay it) and the
 * error is reported; with {@code topology.worker.die.on.error} the topology stops instead.
 * Executor thread only.
 */
public final class BoltExecutor extends Executor {
    private static final Logger LOG = LoggerFactory.getLogger(BoltExecutor.class);
    private static final Fields TICK_FIELDS = new Fields("rate_secs");
    /** A process-latency sample never acked (a bolt that holds tuples) is given up after this long. */
    private static final long PROCESS_SAMPLE_MAX_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ComponentStats stats;
    private final SplittableRandom random = new SplittableRandom();
    private Task[] byTaskId;
    private final List<Task> tasks = new ArrayList<>();
    /** The tasks whose bolts also act on time. */
    private final List<Task> timedTasks = new ArrayList<>();
    /** The tasks that track watermarks (the component has event-time inputs). */
    private final List<Task> eventTimeTasks = new ArrayList<>();
    private final long tickNanos;
    private long nextTickNanos;
    private SerializationCheck serializationCheck;
    /** Execute latency is timed for one tuple in this many; 0 when metrics are off. */
    private final int sampleEvery;
    private int untilSample;
    /** The drain callback, made once rather than per round. */
    private final ReceiveQueue.Consumer onMessage = this::onMessage;
    /**
     * An idle bolt with timers (ticks, a {@link TimedBolt}, event-time inputs) parks 10 ms at a time, which bounds
     * how late they fire; one without parks 10 ms first, then longer up to 100 ms: every tuple wakes it at once,
     * and an idle bolt then wakes 10 times a second instead of 100.
     */
    private static final long TIMER_PARK_MS = 10;
    private static final long MAX_PARK_MS = 100;

    public BoltExecutor(String name, String componentId, int[] taskIds, ExecutorContext context, TopologySettings settings,
                        ReceiveQueue queue, ComponentStats stats) {
        super(name, componentId, taskIds, context, settings, queue, ReceiveQueue.millis(TIMER_PARK_MS),
                ReceiveQueue.millis(MAX_PARK_MS));
        this.stats = stats;
        counts.countInto(stats);
        this.tickNanos = TimeUnit.SECONDS.toNanos(settings.tickFreqSecs());
        this.sampleEvery = context.metricsSettings().enabled() ? context.metricsSettings().sampleEvery() : 0;
        this.untilSample = sampleEvery;
    }

    @Override
    protected void openTasks() {
        serializationCheck = context.newSerializationCheck();
        byTaskId = new Task[context.queueByTask().length];
        for (int taskId : taskIds) {
            IBolt bolt = (IBolt) context.newComponentInstance(componentId);
            if (bolt instanceof LateTupleCounting w) {
                w.countLateTuplesIn(stats.lateTuples);
            }
            Task t = new Task(taskId, bolt, context.newTopologyContext(taskId));
            t.aligner = Checkpoints.aligner(t.taskContext, t, clock);
            tasks.add(t);
            byTaskId[taskId] = t;
            if (bolt instanceof TimedBolt) {
                timedTasks.add(t);
            }
        }
        for (Task t : tasks) {
            giveCredentials(t.taskId, t.bolt);
            t.bolt.prepare(context.componentConf(componentId), t.taskContext, new OutputCollector(t));
            if (t.bolt instanceof RootAcks.User u) {
                u.useRootAcks(t);
            }
        }
        openWatermarks();
        nextTickNanos = clock.nanoTime() + tickNanos;
    }

    @Override
    public int doWork() throws Exception {
        refreshCredentials();
        int work = queue.drain(onMessage);
        if (tickNanos > 0) {
            long now = clock.nanoTime();
            if (now - nextTickNanos >= 0) {
                nextTickNanos += tickNanos;
                if (now - nextTickNanos >= 0) {
                    nextTickNanos = now + tickNanos; // Fell behind (a slow execute): skip, do not burst.
                }
                for (Task t : tasks) {
                    t.execute(new TupleImpl(Constants.SYSTEM_COMPONENT_ID, Constants.SYSTEM_TICK_STREAM_ID, TICK_FIELDS,
                            (int) Constants.SYSTEM_TASK_ID, List.of(settings.tickFreqSecs()), MessageId.unanchored()));
                }
                work++;
            }
        }
        if (!timedTasks.isEmpty()) {
            long nowMillis = clock.currentTimeMillis();
            for (Task t : timedTasks) {
                t.onTime(nowMillis);
            }
        }
        if (!eventTimeTasks.isEmpty()) {
            work += watermarkRound();
        }
        work += transfer.flush();
        return work;
    }

    @Override
    protected long timerSlackNanos() {
        boolean timers = tickNanos > 0 || !timedTasks.isEmpty() || !eventTimeTasks.isEmpty();
        return timers ? ReceiveQueue.millis(TIMER_PARK_MS) : Long.MAX_VALUE;
    }

    private void onMessage(int taskId, Object message) {
        if (message instanceof TupleImpl tuple) {
            byTaskId[taskId].receive(tuple);
        } else if (message instanceof Watermark w && byTaskId[taskId].watermarks != null) {
            byTaskId[taskId].onWatermark(w);
        } else {
            LOG.warn("Bolt executor {} ignores unexpected message {}", name, message);
        }
    }

    /** Tracks watermarks in every task when the component has event-time inputs (see {@link BoltWatermarks}). */
    private void openWatermarks() {
        for (Task t : tasks) {
            t.watermarks = BoltWatermarks.open(t.taskContext, context.componentConf(componentId), clock.currentTimeMillis(),
                    (task, w) -> transfer.send(task, w));
            if (t.watermarks != null) {
                eventTimeTasks.add(t);
                if (t.bolt instanceof EventTimeBolt b) {
                    b.useRuntimeWatermarks(t.watermarks.inputsSendWatermarks() ? null : t.watermarks::observe);
                }
            }
        }
    }

    private int watermarkRound() {
        long nowMillis = clock.currentTimeMillis();
        int work = 0;
        for (Task t : eventTimeTasks) {
            if (t.watermarks.onTime(nowMillis, t::onWatermark, t::outputWatermark)) {
                work++;
            }
        }
        return work;
    }

    @Override
    protected void closeTasks() {
        for (Task t : tasks) {
            try {
                t.bolt.cleanup();
                t.taskContext.taskHooks().cleanup();
            } catch (RuntimeException e) {
                LOG.warn("Error cleaning up bolt task {} of {}", t.taskId, componentId, e);
            }
        }
    }

    /** One bolt task and its collector. Executor thread only. */
    private final class Task extends TaskOutput implements IOutputCollector, SingleAnchorCollector, BarrierAligner.Sink,
            RootAcks {
        final IBolt bolt;
        final TopologyContext taskContext;
        /** Aligns checkpoint barriers; null when the topology has no stateful bolt. */
        BarrierAligner aligner;
        /** Whether a tuple failed here since the last rollback: then this task fails the next PREPARE. */
        boolean failedSinceRollback;
        /**
         * The anchors of the anchored emit in progress, or its one anchor ({@link #emitAnchor}) instead: at most one
         * of the two is set, and both are cleared when the emit ends (an emit from a hook comes after the sends).
         */
        private Collection<Tuple> emitAnchors;
        /** The one anchor of the anchored emit in progress, or null (see {@link #emitAnchors}). */
        private Tuple emitAnchor;
        /** The tuple whose process latency is being timed (until it is acked or failed), or null. */
        Tuple processSample;
        long processSampleStart;
        /** The task's watermarks, or null when none of its inputs carries event time. */
        BoltWatermarks watermarks;
        /** Whether the task counts its inputs apart: it has more than one from users' components, as Storm reports. */
        private final boolean countsInputs;
        /** The counters of the input last counted, so that a run of tuples of one stream finds them at once. */
        private InputStats lastInput;

        Task(int taskId, IBolt bolt, TopologyContext taskContext) {
            super(taskId, BoltExecutor.this.componentId, new Router(taskContext, taskId, taskLoad(), clock),
                    taskContext.taskHooks(), stats, transfer, serializationCheck, settings.debug(), context.taps());
            this.bolt = bolt;
            this.taskContext = taskContext;
            this.countsInputs = ComponentSpec.userInputs(taskContext.getThisSources().keySet()).size() > 1;
        }

        /** The counters of the input stream {@code t} came on. */
        private InputStats inputOf(Tuple t) {
            String component = t.getSourceComponent();
            String stream = t.getSourceStreamId();
            InputStats in = lastInput;
            if (in == null || !in.is(component, stream)) {
                in = counters.input(component, stream);
                lastInput = in;
            }
            return in;
        }

        void onTime(long nowMillis) {
            try {
                ((TimedBolt) bolt).onTime(nowMillis);
            } catch (UnserializableValueException e) {
                throw e;
            } catch (RuntimeException e) {
                reportError(e);
            }
        }

        /**
         * Acts on a watermark at once, before the tuples behind it in the queue: whether a tuple is late then
         * depends only on what arrived before it, not on how the queue was drained.
         */
        void onWatermark(Watermark w) {
            long nowMillis = clock.currentTimeMillis();
            watermarks.onWatermark(w, nowMillis);
            watermarks.onTime(nowMillis, this::onWatermark, this::outputWatermark);
        }

        void onWatermark(long watermark) {
            if (bolt instanceof EventTimeBolt b) {
                try {
                    b.onWatermark(watermark);
                } catch (UnserializableValueException e) {
                    throw e;
                } catch (RuntimeException e) {
                    reportError(e);
                }
            }
        }

        long outputWatermark() {
            return bolt instanceof EventTimeBolt b ? b.outputWatermark() : watermarks.watermark();
        }

        void receive(TupleImpl tuple) {
            if (aligner == null) {
                execute(tuple);
            } else {
                aligner.offer(tuple);
            }
        }

        @Override
        public void process(Tuple tuple) {
            execute((TupleImpl) tuple);
        }

        @Override
        public void onAligned(long txid, String action, List<Tuple> barriers) {
            failedSinceRollback = Checkpoints.carryOut(bolt, this, taskContext, txid, action, barriers,
                    failedSinceRollback);
        }

        @Override
        public void onAbandoned(List<Tuple> barriers) {
            barriers.forEach(this::fail);
        }

        void execute(TupleImpl tuple) {
            if (watermarks != null) {
                watermarks.onTuple(tuple.getSourceTask());
            }
            if (debug) {
                executeLogged(tuple);
            } else if (sampleEvery > 0 && --untilSample == 0) {
                untilSample = sampleEvery;
                executeTimed(tuple);
            } else {
                executeUntimed(tuple);
            }
            counts.executed++;
            counters.executed();
            if (countsInputs) {
                inputOf(tuple).executed();
            }
            taskContext.taskHooks().boltExecute(tuple);
            if (watermarks != null && !watermarks.inputsSendWatermarks()) {
                // The bolt derives its inputs' watermarks from their tuples: act on them before the next tuple.
                watermarks.onTime(clock.currentTimeMillis(), this::onWatermark, this::outputWatermark);
            }
        }

        /** Executes as {@link #execute} does, with Storm 2's {@code topology.debug} lines before and after. */
        private void executeLogged(TupleImpl tuple) {
            LOG.info("Processing received TUPLE: {} for TASK: {} ", tuple, taskId);
            long start = clock.nanoTime();
            if (sampleEvery > 0 && --untilSample == 0) {
                untilSample = sampleEvery;
                executeTimed(tuple);
            } else {
                executeUntimed(tuple);
            }
            LOG.info("Execute done TUPLE {} TASK: {} DELTA: {}", tuple, taskId,
                    TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start));
        }

        /** Storm 2's {@code topology.debug} line of an ack or fail: the time since a timed tuple's execute, else -1. */
        private void logCompleted(String what, Tuple input) {
            long delta = input == processSample ? TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - processSampleStart)
                    : -1;
            LOG.info("BOLT {} TASK: {} TIME: {} TUPLE: {}", what, taskId, delta, input);
        }

        private void executeTimed(TupleImpl tuple) {
            long start = clock.nanoTime();
            if (processSample == null || start - processSampleStart > PROCESS_SAMPLE_MAX_NANOS) {
                processSample = tuple;
                processSampleStart = start;
            }
            executeUntimed(tuple);
            stats.executeLatency.record(clock.nanoTime() - start);
        }

        private void executeUntimed(TupleImpl tuple) {
            try {
                bolt.execute(tuple);
            } catch (UnserializableValueException e) {
                throw e;
            } catch (RuntimeException e) {
                reportError(e);
                fail(tuple);
            }
        }

        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> values) {
            Route route = Emits.plainRoute(router, componentId, streamId);
            return send(route, anchors, values, -1);
        }

        @Override
        public List<Integer> emit(String streamId, Tuple anchor, List<Object> values) {
            Route route = Emits.plainRoute(router, componentId, streamId);
            return send(route, anchor, values, -1);
        }

        @Override
        public void emitDirect(int targetTask, String streamId, Collection<Tuple> anchors, List<Object> values) {
            Route route = Emits.directRoute(router, componentId, streamId, targetTask);
            send(route, anchors, values, targetTask);
        }

        @Override
        public void emitDirect(int targetTask, String streamId, Tuple anchor, List<Object> values) {
            Route route = Emits.directRoute(router, componentId, streamId, targetTask);
            send(route, anchor, values, targetTask);
        }

        private List<Integer> send(Route route, Collection<Tuple> anchors, List<Object> values, int directTask) {
            boolean anchored = settings.ackingEnabled() && hasTree(anchors);
            emitAnchors = anchored ? anchors : null;
            emitAnchor = null;
            try {
                return send(route, values, directTask, anchored, null);
            } finally {
                emitAnchors = null;
            }
        }

        /** An emit anchored to one input (or none, if null): the same as a one-element collection, without one. */
        private List<Integer> send(Route route, Tuple anchor, List<Object> values, int directTask) {
            boolean anchored = settings.ackingEnabled() && anchor != null && hasTree(anchor);
            emitAnchor = anchored ? anchor : null;
            emitAnchors = null;
            try {
                return send(route, values, directTask, anchored, null);
            } finally {
                emitAnchor = null;
            }
        }

        /**
         * A child of the one anchor's one tree goes out as its parts: a target on another worker gets it encoded
         * from them ({@link Transfer#sendOfTree}), without a tuple made only to be written.
         */
        @Override
        void sendOwn(int task, Route route, List<Object> values) {
            if (emitAnchor != null && ((TupleImpl) emitAnchor).isSingleTree()) {
                TupleImpl a = (TupleImpl) emitAnchor;
                transfer.sendOfTree(task, route.source(), values, a.treeRoot(0), childEdge(a));
            } else {
                super.sendOwn(task, route, values);
            }
        }

        @Override
        TupleImpl newTuple(Route route, List<Object> values) {
            return emitAnchor != null ? childOf((TupleImpl) emitAnchor, route, values)
                    : anchoredTuple(route, emitAnchors, values);
        }

        private boolean hasTree(Collection<Tuple> anchors) {
            if (anchors == null) {
                return false;
            }
            for (Tuple a : anchors) {
                if (hasTree(a)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean hasTree(Tuple a) {
            return a instanceof TupleImpl t ? t.treeCount() > 0 : !a.getMessageId().isUnanchored();
        }

        /**
         * A child of the anchors for one target: one new edge id, XORed into each anchor's ack value and
         * recorded under each root the anchors belong to.
         */
        private TupleImpl anchoredTuple(Route route, Collection<Tuple> anchors, List<Object> values) {
            if (anchors.size() == 1) {
                return childOf((TupleImpl) anchors.iterator().next(), route, values);
            }
            return new TupleImpl(route.source(), values, mergeAnchors(anchors, nonZero()));
        }

        /** A child of one anchor for one target: a new edge id ({@link #childEdge}) in the anchor's trees. */
        private TupleImpl childOf(TupleImpl a, Route route, List<Object> values) {
            long edge = childEdge(a);
            if (a.isSingleTree()) {
                return TupleImpl.ofTree(route.source(), values, a.treeRoot(0), edge);
            }
            return new TupleImpl(route.source(), values, a.getMessageId().child(edge));
        }

        /** A new edge id for a child of {@code a}, XORed into {@code a}'s ack value. */
        private long childEdge(TupleImpl a) {
            long edge = nonZero();
            a.xorAckVal(edge);
            return edge;
        }

        private MessageId mergeAnchors(Collection<Tuple> anchors, long edge) {
            List<Long> roots = new ArrayList<>();
            List<Long> edges = new ArrayList<>();
            List<Long> keys = new ArrayList<>();
            boolean keyed = false;
            for (Tuple t : anchors) {
                TupleImpl a = (TupleImpl) t;
                MessageId am = a.getMessageId();
                if (am.isUnanchored()) {
                    continue;
                }
                a.xorAckVal(edge);
                keyed |= am.hasReplayKeys();
                for (int k = 0; k < am.size(); k++) {
                    int at = roots.indexOf(am.root(k));
                    if (at >= 0) {
                        edges.set(at, edges.get(at) ^ edge);
                    } else {
                        roots.add(am.root(k));
                        edges.add(edge);
                        keys.add(am.hasReplayKeys() ? am.replayKey(k) : 0L);
                    }
                }
            }
            return MessageId.of(roots.stream().mapToLong(Long::longValue).toArray(),
                    edges.stream().mapToLong(Long::longValue).toArray(),
                    keyed ? keys.stream().mapToLong(Long::longValue).toArray() : null);
        }

        private long nonZero() {
            return Emits.nonZero(random);
        }

        @Override
        public void ack(Tuple input) {
            TupleImpl t = (TupleImpl) input;
            if (settings.ackingEnabled()) {
                for (int k = 0; k < t.treeCount(); k++) {
                    long root = t.treeRoot(k);
                    transfer.sendAck(context.ackerTask(root), AckBatch.UPDATE, root, t.treeEdge(k) ^ t.ackVal(), -1);
                    if (!taskContext.taskHooks().isEmpty()) { // Else no look-up of the acker task.
                        taskContext.taskHooks().ackerEmit(TaskHooks.ACK_ACK, root, t.treeEdge(k) ^ t.ackVal(),
                                context.ackerTask(root));
                    }
                }
            }
            counts.acked++;
            counters.acked();
            if (countsInputs) {
                inputOf(input).acked();
            }
            if (debug) {
                logCompleted("ack", input);
            }
            taskContext.taskHooks().boltAck(input);
            if (input == processSample) {
                stats.processLatency.record(clock.nanoTime() - processSampleStart);
                processSample = null;
            }
        }

        @Override
        public boolean detachable(Tuple input) {
            return input != processSample && taskContext.taskHooks().isEmpty();
        }

        @Override
        public void ackRoot(long root, long ackXor) {
            if (settings.ackingEnabled()) {
                transfer.sendAck(context.ackerTask(root), AckBatch.UPDATE, root, ackXor, -1);
            }
        }

        @Override
        public void failRoot(long root) {
            if (settings.ackingEnabled()) {
                transfer.sendAck(context.ackerTask(root), AckBatch.FAIL, root, 0, taskId);
            }
        }

        @Override
        public void countAcked(int tuples) {
            counts.acked += tuples;
            for (int i = 0; i < tuples; i++) {
                counters.acked();
            }
        }

        @Override
        public void countFailed(int tuples) {
            // As fail(input) in a checkpointed bolt: the next PREPARE fails unless a rollback comes first.
            failedSinceRollback |= tuples > 0;
            for (int i = 0; i < tuples; i++) {
                stats.failed.increment();
                counters.failed();
            }
        }

        @Override
        public void fail(Tuple input) {
            // A failed tuple that left updates behind (in a stateful bolt, or in what it emitted before failing)
            // must not see them committed: the next PREPARE fails and the checkpoint rolls back.
            failedSinceRollback |= bolt instanceof CheckpointedBolt || ((TupleImpl) input).ackVal() != 0;
            MessageId id = input.getMessageId();
            if (settings.ackingEnabled()) {
                for (int k = 0; k < id.size(); k++) {
                    long root = id.root(k);
                    transfer.sendAck(context.ackerTask(root), AckBatch.FAIL, root, 0, taskId);
                    if (!taskContext.taskHooks().isEmpty()) { // Else no look-up of the acker task.
                        taskContext.taskHooks().ackerEmit(TaskHooks.ACK_FAIL, root, 0, context.ackerTask(root));
                    }
                }
            }
            stats.failed.increment();
            counters.failed();
            if (countsInputs) {
                inputOf(input).failed();
            }
            if (debug) {
                logCompleted("fail", input);
            }
            taskContext.taskHooks().boltFail(input);
            if (input == processSample) {
                processSample = null;
            }
        }

        @Override
        public void flush() {
            transfer.flush();
        }

        @Override
        public void resetTimeout(Tuple input) {
            MessageId id = input.getMessageId();
            if (settings.ackingEnabled()) {
                for (int k = 0; k < id.size(); k++) {
                    long root = id.root(k);
                    transfer.sendAck(context.ackerTask(root), AckBatch.RESET, root, 0, -1);
                    if (!taskContext.taskHooks().isEmpty()) { // Else no look-up of the acker task.
                        taskContext.taskHooks().ackerEmit(TaskHooks.ACK_RESET_TIMEOUT, root, 0,
                                context.ackerTask(root));
                    }
                }
            }
        }

        @Override
        public void reportError(Throwable error) {
            stats.errors.increment();
            context.reportError(componentId, taskId, error);
            if (settings.dieOnError()) {
                throw new IllegalStateException("Bolt task " + taskId + " of '" + componentId + "' failed and "
                        + "topology.worker.die.on.error is set", error);
            }
        }
    }
}
