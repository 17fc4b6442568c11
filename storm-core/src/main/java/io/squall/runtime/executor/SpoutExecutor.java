package io.squall.runtime.executor;

import io.squall.config.TopologySettings;
import io.squall.hooks.TaskHooks;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.acker.PendingRing;
import io.squall.runtime.acker.SpoutRoots;
import io.squall.runtime.eventtime.EventTimeGraph;
import io.squall.runtime.eventtime.SourceSettings;
import io.squall.runtime.eventtime.SourceWatermarks;
import io.squall.runtime.queue.CongestionView;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.runtime.routing.Route;
import io.squall.runtime.routing.Router;
import io.squall.runtime.state.ReplayKeys;
import io.squall.runtime.stats.ComponentStats;
import io.squall.runtime.stats.StreamStats;
import io.squall.spout.IFiniteSpout;
import io.squall.spout.ISpout;
import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs the tasks of a spout. Each round: drain acks and fails from the queue, expire timed-out trees,
 * then (when active, not backpressured and under {@code max.spout.pending}) call {@code nextTuple} up to
 * {@code topology.spout.batch.size} times, and publish. Pending trees live in a {@link PendingRing}: the
 * executor numbers its trees, a root carries the tree's number ({@link SpoutRoots}), and the tree's task, message
 * id, emit time and XOR sit in the ring's slot for that number (no object per tree, memory touched in emit order).
 *
 * <p>With {@code topology.acker.in.spout} (the default) the executor is also the acker of its trees: a root
 * names its spout task ({@link SpoutRoots}), the XOR of a tree's edges is kept beside its pending entry from
 * the emit on, and bolts send their acks, fails and timeout resets straight here. A tree then costs no
 * message to an acker and none back, and no acker thread. Otherwise an acker executor tracks the tree and
 * sends its verdict. Executor thread only.
 */
public final class SpoutExecutor extends Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SpoutExecutor.class);
    /** With 4 buckets rotated every timeout/3, a tree expires between 1 and 4/3 of the timeout. */
    private static final int TIMEOUT_BUCKETS = 4;
    /**
     * An idle spout parks 1 ms first (Storm's default spout sleep, so a source that gets data after a short lull is
     * polled as often as in Storm), then twice as long after each park that found nothing, up to 10 ms: an idle
     * topology wakes 100 times a second instead of 1,000. Acks, fails and the end of congestion wake it at once.
     */
    private static final long FIRST_PARK_MS = 1;
    private static final long MAX_PARK_MS = 10;

    private final ComponentStats stats;
    private final SplittableRandom random = new SplittableRandom();
    /**
     * The pending trees of every task of the executor, numbered in emit order from a random start (a restarted spout
     * does not reuse the roots its predecessor had pending).
     */
    /** Owned by the emitting {@link Task}, or by an {@link Origin} when the task counts its trees by stream. */
    private final PendingRing<Object> pending;
    private final PendingRing.Expired<Object> onTimeout = this::onTimeout;
    /** Whether this executor tracks its own trees, as their acker. */
    private final boolean tracksTrees;
    private final List<Task> tasks = new ArrayList<>();
    private final HashMap<Integer, Task> byTaskId = new HashMap<>();
    private final long rotateEveryNanos;
    /**
     * The longest a round of emits holds its tuples before sending them: a spout that sleeps in
     * {@code nextTuple} (as Storm's examples do, often 100 ms) would otherwise hold a whole batch for seconds.
     * On simulated time the clock moves only while the spout sleeps, so such a round ends at its first sleep.
     */
    private static final long MAX_BATCH_NANOS = 1_000_000;
    /**
     * The clock is read after the 1st, 2nd, 4th, 8th... call of a round, then every this many calls: a spout that
     * sleeps is caught after its first call, and a fast one pays a clock read per 32 tuples, not per tuple (at
     * 18 M tuples/s a read per tuple cost a third of the throughput).
     */
    private static final int CLOCK_CHECK_MAX_INTERVAL = 32;
    /** Complete latencies go to the histogram one ack in this many; 0 when metrics are off. */
    private final int sampleEvery;
    private int untilSample;
    private long nextRotateNanos;
    /**
     * The clock as this thread last read it: at the start of each round, at the emit round's clock checks and
     * before each ack message or batch is handled. Trees take it as their emit time and their completion time,
     * so a tree costs no clock read of its own; the error is the work between two reads, microseconds, and
     * an emit time can only be early (the latency err on the long side).
     */
    private long nowNanos;
    private boolean active;
    private SerializationCheck serializationCheck;
    private final CongestionView congestion;
    /** The tasks that send watermarks (the spout was declared with event time). */
    private final List<Task> eventTimeTasks = new ArrayList<>();
    /** The drain callback, made once rather than per round. */
    private final ReceiveQueue.Consumer onMessage = this::onMessage;
    /** The trees the acker message in hand ended, called back once it is handled (see {@link CompletedTrees}). */
    private final CompletedTrees<Task> completed = new CompletedTrees<>();
    private final CompletedTrees.Callbacks<Task> callbacks = new CompletedTrees.Callbacks<>() {
        @Override
        public void acked(Task task, Object messageId, long latencyNanos) {
            task.callAck(messageId);
            task.hooks.spoutAck(messageId, latencyNanos);
        }

        @Override
        public void failed(Task task, Object messageId, int failingTask) {
            task.callFail(messageId);
        }
    };

    public SpoutExecutor(String name, String componentId, int[] taskIds, ExecutorContext context, TopologySettings settings,
                         ReceiveQueue queue, ComponentStats stats) {
        super(name, componentId, taskIds, context, settings, queue, ReceiveQueue.millis(FIRST_PARK_MS),
                ReceiveQueue.millis(MAX_PARK_MS));
        this.stats = stats;
        counts.countInto(stats);
        this.rotateEveryNanos = ReceiveQueue.millis(settings.messageTimeoutSecs() * 1000L) / (TIMEOUT_BUCKETS - 1);
        this.sampleEvery = context.metricsSettings().enabled() ? context.metricsSettings().sampleEvery() : 0;
        this.untilSample = sampleEvery;
        this.congestion = context.congestion();
        congestion.wakeOnRelief(queue::wake);
        this.tracksTrees = settings.ackingEnabled() && settings.ackerExecutors() == 0;
        long expected = (long) Math.max(settings.maxSpoutPending(), 0) * taskIds.length;
        this.pending = new PendingRing<>(TIMEOUT_BUCKETS, (int) Math.min(expected, Integer.MAX_VALUE), random.nextLong());
    }

    @Override
    protected void openTasks() {
        serializationCheck = context.newSerializationCheck();
        for (int taskId : taskIds) {
            ISpout spout = (ISpout) context.newComponentInstance(componentId);
            Task t = new Task(taskId, spout, context.newTopologyContext(taskId));
            tasks.add(t);
            byTaskId.put(taskId, t);
        }
        openWatermarks();
        nowNanos = clock.nanoTime();
        for (Task t : tasks) {
            giveCredentials(t.taskId, t.spout);
            t.spout.open(context.componentConf(componentId), t.taskContext, new SpoutOutputCollector(t));
        }
        nextRotateNanos = clock.nanoTime() + rotateEveryNanos;
    }

    @Override
    public int doWork() throws Exception {
        refreshCredentials();
        int work = queue.drain(onMessage);
        long now = clock.nanoTime();
        nowNanos = now;
        if (now - nextRotateNanos >= 0) {
            nextRotateNanos = now + rotateEveryNanos;
            if (settings.timeoutsEnabled()) {
                pending.rotate(onTimeout);
            }
        }
        work += syncActivation();
        if (active) {
            work += emitRound();
        }
        if (!eventTimeTasks.isEmpty()) {
            work += watermarkRound();
        }
        work += transfer.flush();
        return work;
    }

    /** Sends watermarks from every task when the spout was declared with event time (see {@link SourceWatermarks}). */
    private void openWatermarks() {
        Map<String, Object> conf = context.componentConf(componentId);
        for (Task t : tasks) {
            SourceWatermarks.Settings s = SourceSettings.of(t.spout, componentId, conf);
            if (s != null) {
                int[] targets = new EventTimeGraph(t.taskContext).outputTasks(componentId);
                t.watermarks = new SourceWatermarks(t.taskId, targets, s, transfer::send, clock.currentTimeMillis());
                eventTimeTasks.add(t);
            }
        }
    }

    /**
     * Sends the watermarks that are due; a task whose spout is an {@link IFiniteSpout} that has finished sends
     * the final one. It does not wait for its pending tuples: windows hold them until the final watermark.
     */
    private int watermarkRound() {
        long nowMillis = clock.currentTimeMillis();
        int work = 0;
        for (Task t : eventTimeTasks) {
            if (t.watermarks.onTime(nowMillis, t.isFinished())) {
                work++;
            }
        }
        return work;
    }

    private int syncActivation() {
        boolean wanted = context.isActive();
        if (wanted == active) {
            return 0;
        }
        active = wanted;
        for (Task t : tasks) {
            try {
                if (wanted) {
                    t.spout.activate();
                } else {
                    t.spout.deactivate();
                }
            } catch (RuntimeException e) {
                t.reportError(e);
            }
        }
        return 1;
    }

    private int emitRound() {
        int emitted = 0;
        int max = settings.maxSpoutPending();
        long start = nowNanos;
        int calls = 0;
        int nextClockCheck = 1;
        round:
        for (Task t : tasks) {
            for (int i = 0; i < settings.spoutBatchSize(); i++) {
                if (congestion.isCongested() || (max > 0 && t.pendingCount >= max)) {
                    break;
                }
                long before = t.emits;
                try {
                    t.spout.nextTuple();
                } catch (UnserializableValueException e) {
                    throw e;
                } catch (RuntimeException e) {
                    t.reportError(e);
                }
                t.runDeferredAcks();
                if (t.emits == before) {
                    break;
                }
                emitted += (int) (t.emits - before);
                if (++calls == nextClockCheck) {
                    nowNanos = clock.nanoTime();
                    if (nowNanos - start >= MAX_BATCH_NANOS) {
                        break round;
                    }
                    nextClockCheck += Math.min(nextClockCheck, CLOCK_CHECK_MAX_INTERVAL);
                }
            }
        }
        return emitted;
    }

    /**
     * Handles one acker message: first every tree it ends leaves the pending table and is counted, then the counts
     * go to the component's counters once, then the spouts are called back, tree by tree in order.
     */
    private void onMessage(int taskId, Object message) {
        nowNanos = clock.nanoTime();
        endTrees(message);
        if (completed.size() > 0) {
            completed.publishCounts(stats);
            completed.callBack(callbacks);
        }
    }

    private void endTrees(Object message) {
        if (message instanceof AckBatch b) {
            // A bolt's update of a tree this executor tracks is nearly every entry: applied here, without the task
            // column (the bolt leaves it -1) or the dispatch on the kind.
            for (int i = 0, n = b.size(); i < n; i++) {
                byte kind = b.kind(i);
                if (kind == AckBatch.UPDATE && tracksTrees) {
                    update(b.root(i), b.xor(i));
                } else {
                    onAck(kind, b.root(i), b.xor(i), b.task(i));
                }
            }
            b.recycle();
        } else if (message instanceof AckMessage.Update m) {
            onAck(AckBatch.UPDATE, m.root(), m.xor(), -1);
        } else if (message instanceof AckMessage.Fail m) {
            onAck(AckBatch.FAIL, m.root(), 0, m.failingTask());
        } else if (message instanceof AckMessage.Result r) {
            onResult(r.root(), r.failed(), r.failingTask());
        } else if (message instanceof AckMessage.ResetTimeout r) {
            pending.touch(r.root());
        } else {
            LOG.warn("Spout executor {} ignores unexpected message {}", name, message);
        }
    }

    /**
     * One acker message: a verdict from an acker executor, or, when this executor tracks its trees, a bolt's
     * update or fail. A root no longer pending (timed out, or failed already) is ignored, as the acker does.
     */
    private void onAck(byte kind, long root, long xor, int task) {
        switch (kind) {
            case AckBatch.UPDATE -> {
                if (!tracksTrees) {
                    LOG.warn("Spout executor {} ignores an update of tree {}: ackers track its trees", name, root);
                    return;
                }
                update(root, xor);
            }
            case AckBatch.FAIL -> onResult(root, true, task);
            case AckBatch.ACKED -> onResult(root, false, -1);
            case AckBatch.FAILED -> onResult(root, true, task);
            case AckBatch.RESET -> pending.touch(root);
            default -> LOG.warn("Spout executor {} ignores unexpected acker message kind {} for tree {}", name, kind, root);
        }
    }

    /** A bolt's update of a tree this executor tracks: XORed into its ack value, which completes it at zero. */
    private void update(long root, long xor) {
        if (pending.update(root, xor) == PendingRing.COMPLETED) {
            complete(root, false, -1);
        }
    }

    /** The acker's verdict on a tree: completed, or failed by {@code failingTask} (-1 if unknown). */
    private void onResult(long root, boolean failed, int failingTask) {
        if (pending.remove(root)) { // Else timed out already: the spout was told then.
            complete(root, failed, failingTask);
        }
    }

    /**
     * Ends the tree just taken out of the pending ring: counts it (the component's shared counters once per message,
     * see {@link #onMessage}) and keeps it for its callback.
     */
    private void complete(long root, boolean failed, int failingTask) {
        Object owner = pending.endedOwner();
        Task task;
        StreamStats stream;
        if (owner instanceof Task t) {
            task = t;
            stream = null;
        } else {
            Origin o = (Origin) owner;
            task = o.task();
            stream = o.stream();
        }
        Object msgId = pending.endedMessageId();
        long emitNanos = pending.endedEmitNanos();
        task.pendingCount--;
        if (task.debug) {
            logCompleted(root, msgId, failed ? "FAIL-STREAM" : null);
        }
        if (failed) {
            stats.failed.increment();
            task.counters.failed();
            if (stream != null) {
                stream.failed();
            }
            String by = failingTask >= 0 ? context.componentOf(failingTask) : null;
            stats.failedBy(by != null ? by : "unknown");
            completed.failed(task, msgId, failingTask);
        } else {
            task.counters.acked();
            if (stream != null) {
                stream.acked();
            }
            long latency = Math.max(0, nowNanos - emitNanos);
            if (sampleEvery > 0 && --untilSample == 0) {
                untilSample = sampleEvery;
                sampleComplete(stream, latency);
            }
            completed.acked(task, msgId, latency);
        }
    }

    /**
     * Records a sampled tree's complete latency, for the component and for its stream (null: a task with one stream,
     * counted in its totals only). Apart from the completion's path, which stays small enough to inline.
     */
    private void sampleComplete(StreamStats stream, long latencyNanos) {
        stats.completeLatency.record(latencyNanos);
        if (stream != null) {
            stream.completeSampled(latencyNanos);
        }
    }

    /**
     * Records a tracked tree {@code task} emitted, the XOR of its first edges {@code xor}; {@code owner} is the task,
     * or the stream's {@link Origin} (see {@link #pending}).
     */
    private void addPending(long root, Object owner, Task task, Object msgId, long emitNanos, long xor) {
        pending.add(root, owner, msgId, emitNanos, xor);
        task.pendingCount++;
    }

    /** Storm 2's {@code topology.debug} line of a tree's end: acked, or failed for {@code failReason}. */
    private static void logCompleted(Object root, Object msgId, String failReason) {
        if (failReason == null) {
            LOG.info("SPOUT Acking message {} {}", root, msgId);
        } else {
            LOG.info("SPOUT Failing {} : {} REASON: {}", root, msgId, failReason);
        }
    }

    private void onTimeout(Object owner, Object msgId) {
        Task task;
        if (owner instanceof Task t) {
            task = t;
        } else {
            Origin o = (Origin) owner;
            task = o.task();
            o.stream().failed();
        }
        if (task.debug) {
            logCompleted("(timed out)", msgId, "TIMEOUT");
        }
        task.pendingCount--;
        stats.timedOut.increment();
        task.counters.failed();
        task.callFail(msgId);
    }

    @Override
    protected void closeTasks() {
        for (Task t : tasks) {
            try {
                t.spout.close();
                t.taskContext.taskHooks().cleanup();
            } catch (RuntimeException e) {
                LOG.warn("Error closing spout task {} of {}", t.taskId, componentId, e);
            }
        }
    }

    /**
     * Where a tracked tree was emitted by a task with several streams: the task, and its counters of the stream,
     * which count the tree's end (a task with one stream counts its trees' ends in its own counters only).
     */
    private record Origin(Task task, StreamStats stream) { }

    /** One spout task and its collector. Executor thread only. */
    private final class Task extends TaskOutput implements ISpoutOutputCollector {
        final ISpout spout;
        final TopologyContext taskContext;
        int pendingCount;
        long emits;
        /** The task's watermarks, or null without event time. */
        SourceWatermarks watermarks;
        /** Message ids acked at emit (acking off, or no targets), called back after nextTuple returns. */
        final List<Object> deferredAcks = new ArrayList<>();

        /** The root and the XOR of the edges of the tracked emit in progress. */
        private long emitRoot;
        private long emitXor;
        /** Whether the tracked emit in progress has made its first tuple. */
        private boolean emitHasTuple;
        /** The replay keys of the tracked emit in progress, or null (no stateful bolt in the topology). */
        private long[] emitKeys;
        /** Makes replay keys, or null when the topology has no stateful bolt. */
        private final ReplayKeys replayKeys;
        /** Whether the task emits on several streams, and so counts its trees' ends by stream. */
        private final boolean byStream;

        Task(int taskId, ISpout spout, TopologyContext taskContext) {
            super(taskId, SpoutExecutor.this.componentId, new Router(taskContext, taskId, taskLoad(), clock),
                    taskContext.taskHooks(), stats, transfer, serializationCheck, settings.debug(), context.taps());
            this.spout = spout;
            this.taskContext = taskContext;
            this.replayKeys = ReplayKeys.forSpout(taskContext, SpoutExecutor.this.componentId);
            this.byStream = router.routes().size() > 1;
            if (byStream) {
                for (Route r : router.routes().values()) {
                    r.attach(new Origin(this, r.counts()));
                }
            }
        }

        @Override
        public List<Integer> emit(String streamId, List<Object> values, Object messageId) {
            Route route = Emits.plainRoute(router, componentId, streamId);
            return send(route, values, messageId, -1);
        }

        @Override
        public void emitDirect(int targetTask, String streamId, List<Object> values, Object messageId) {
            Route route = Emits.directRoute(router, componentId, streamId, targetTask);
            send(route, values, messageId, targetTask);
        }

        private List<Integer> send(Route route, List<Object> values, Object messageId, int directTask) {
            if (watermarks != null) {
                watermarks.onEmit(route.streamId(), route.fields(), values, clock.currentTimeMillis());
            }
            boolean tracked = messageId != null && settings.ackingEnabled();
            emitRoot = tracked ? pending.nextRoot(taskId) : 0;
            emitKeys = tracked && replayKeys != null ? replayKeys.of(messageId) : null;
            emitXor = 0;
            emitHasTuple = false;
            List<Integer> targets = send(route, values, directTask, tracked, messageId);
            emits++;
            if (watermarks != null) {
                watermarks.afterEmit();
            }
            if (tracked && !targets.isEmpty()) {
                addPending(emitRoot, byStream ? route.attachment() : this, this, messageId, nowNanos, emitXor);
                if (!tracksTrees) {
                    transfer.sendAck(context.ackerTask(emitRoot), AckBatch.INIT, emitRoot, emitXor, taskId);
                }
                if (!taskContext.taskHooks().isEmpty()) { // Else no look-up of the acker task.
                    taskContext.taskHooks().ackerEmit(TaskHooks.ACK_INIT, emitRoot, emitXor,
                            context.ackerTask(emitRoot));
                }
            } else if (messageId != null) {
                deferredAcks.add(messageId);
            }
            return targets;
        }

        /**
         * The tracked emit's first tuple (the only one, unless the stream goes to several bolts) leaves as its parts:
         * the receiver makes it ({@link TupleImpl#firstOfTree}, whose edge is computed from the root), so a tree's
         * tuple is allocated and first written on the bolt's thread, not on this one, which is the acked path's
         * bottleneck. The tuple is an ordinary one the bolt may keep.
         */
        @Override
        void sendOwn(int task, Route route, List<Object> values) {
            if (emitKeys == null && !emitHasTuple) {
                emitHasTuple = true;
                emitXor ^= TupleImpl.firstEdge(emitRoot);
                transfer.sendFirstOfTree(task, route.source(), values, emitRoot);
            } else {
                super.sendOwn(task, route, values);
            }
        }

        /**
         * A tuple of the tracked emit in progress after its first (see {@link #sendOwn}), with a random edge, or any
         * tuple of an emit with replay keys.
         */
        @Override
        TupleImpl newTuple(Route route, List<Object> values) {
            long edge = nonZero();
            emitXor ^= edge;
            return emitKeys == null ? TupleImpl.ofTree(route.source(), values, emitRoot, edge)
                    : new TupleImpl(route.source(), values, MessageId.of(emitRoot, edge, emitKeys));
        }

        private long nonZero() {
            return Emits.nonZero(random);
        }

        /** Whether the spout is finite and says it has finished; one that throws has not. */
        boolean isFinished() {
            if (!(spout instanceof IFiniteSpout f)) {
                return false;
            }
            try {
                return f.isFinished();
            } catch (RuntimeException e) {
                reportError(e);
                return false;
            }
        }

        void runDeferredAcks() {
            if (deferredAcks.isEmpty()) {
                return;
            }
            for (Object id : deferredAcks) {
                stats.acked.increment();
                counters.acked();
                callAck(id);
                taskContext.taskHooks().spoutAck(id, 0);
            }
            deferredAcks.clear();
        }

        void callAck(Object msgId) {
            try {
                spout.ack(msgId);
            } catch (RuntimeException e) {
                reportError(e);
            }
        }

        void callFail(Object msgId) {
            if (replayKeys != null) {
                replayKeys.failed(msgId); // Its next emit may replay updates a stateful bolt committed.
            }
            try {
                spout.fail(msgId);
            } catch (RuntimeException e) {
                reportError(e);
            }
            taskContext.taskHooks().spoutFail(msgId);
        }

        @Override
        public void flush() {
            transfer.flush();
        }

        @Override
        public void reportError(Throwable error) {
            stats.errors.increment();
            context.reportError(componentId, taskId, error);
            if (settings.dieOnError()) {
                throw new IllegalStateException("Spout task " + taskId + " of '" + componentId + "' failed and "
                        + "topology.worker.die.on.error is set", error);
            }
        }

        @Override
        public long getPendingCount() {
            return pendingCount;
        }
    }
}
