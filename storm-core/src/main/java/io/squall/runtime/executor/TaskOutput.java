package io.squall.runtime.executor;

import io.squall.hooks.TaskHooks;
import io.squall.runtime.routing.Route;
import io.squall.runtime.routing.Router;
import io.squall.runtime.routing.TaskSelector;
import io.squall.runtime.stats.ComponentStats;
import io.squall.runtime.stats.TaskStats;
import io.squall.runtime.tap.StreamTaps;
import io.squall.runtime.tap.TapPoint;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The emit loop of one task, shared by spouts and bolts: check the values, resolve the targets through the
 * stream's groupings (or take the direct target), give each target its tuple and hand it to the transfer,
 * then count. Whether each target needs its own tuple (new edge ids: a tracked spout tuple, an anchored bolt
 * tuple) is the caller's call; otherwise one unanchored tuple object is shared by every target.
 * Executor thread only.
 */
abstract class TaskOutput {
    private static final Logger LOG = LoggerFactory.getLogger(TaskOutput.class);

    final int taskId;
    final String componentId;
    final Router router;
    final TaskStats counters;
    /** The task's hooks (its context's), kept here so a call per tuple or tree reads one field, not three. */
    final TaskHooks hooks;
    private final ComponentStats stats;
    private final Transfer transfer;
    private final RoundCounts roundCounts;
    /** The one-task target lists handed out so far, by task id (see {@link #single}). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Integer>[] singles = new List[0];
    private final SerializationCheck serializationCheck;
    /** {@code topology.debug}: log each emit, and (in the executors) each execute, ack and fail, as Storm does. */
    final boolean debug;

    TaskOutput(int taskId, String componentId, Router router, TaskHooks hooks, ComponentStats stats, Transfer transfer,
               SerializationCheck serializationCheck, boolean debug, StreamTaps taps) {
        this.taskId = taskId;
        this.componentId = componentId;
        this.router = router;
        this.hooks = hooks;
        this.stats = stats;
        this.counters = stats.task(taskId);
        this.transfer = transfer;
        this.roundCounts = transfer.counts;
        this.serializationCheck = serializationCheck;
        this.debug = debug;
        for (Route r : router.routes().values()) {
            r.tapAt(taps.point(componentId, r.streamId()));
            r.emittedBy(taskId);
            r.countInto(counters.stream(r.streamId()));
        }
    }

    /**
     * Sends {@code values} on {@code route}: to {@code directTask} if it is not negative, else to the targets
     * the groupings choose.
     *
     * @param perTarget whether each target gets its own tuple from {@link #newTuple}
     * @param messageId what the debug log shows as the message id (spouts), or null
     * @return the target task ids, one entry per tuple sent
     */
    final List<Integer> send(Route route, List<Object> values, int directTask, boolean perTarget, Object messageId) {
        Emits.checkArity(route, values);
        if (serializationCheck != null) {
            serializationCheck.check(route, values);
        }
        if (debug) {
            logEmit(route, values, directTask);
        }
        TapPoint.Sampling sampling = route.tap().sampling();
        if (sampling != null) {
            sampling.offer(taskId, values, messageId);
        }
        // The usual emit (one grouping choosing one task) is kept apart from the others, so that this method stays
        // small enough for the compiler to inline into the collectors' emit.
        TaskSelector[] selectors = route.selectors();
        List<Integer> targets;
        int sent = 1;
        if (directTask < 0 && selectors.length == 1) {
            int[] out = route.scratch();
            int n = selectors[0].select(values, out);
            if (n == 1) {
                int task = out[0];
                sendTo(task, route, values, perTarget, null);
                roundCounts.transferred++;
                targets = single(task);
            } else {
                targets = sendToEach(out, n, route, values, perTarget);
                sent = n;
            }
        } else {
            targets = sendToDirectOrAll(route, values, directTask, perTarget);
            sent = targets.size();
        }
        roundCounts.emitted++;
        route.counts().emitted(sent);
        hooks.emit(values, route.streamId(), targets);
        return targets;
    }

    /** Storm 2's {@code topology.debug} line of an emit. */
    private void logEmit(Route route, List<Object> values, int directTask) {
        if (directTask >= 0) {
            LOG.info("Emitting direct: {}; {} {} {} ", directTask, componentId, route.streamId(), values);
        } else {
            LOG.info("Emitting Tuple: taskId={} componentId={} stream={} values={}", taskId, componentId,
                    route.streamId(), values);
        }
    }

    /**
     * Sends {@code task} its tuple: its own ({@link #sendOwn}) if {@code perTarget}, else {@code shared}, or a new
     * unanchored tuple if that is null.
     *
     * @return the tuple shared by the targets of the emit, or null if none was made yet
     */
    private TupleImpl sendTo(int task, Route route, List<Object> values, boolean perTarget, TupleImpl shared) {
        if (perTarget) {
            sendOwn(task, route, values);
            return shared;
        }
        TupleImpl t = shared != null ? shared : unanchored(route, values);
        transfer.send(task, t);
        return t;
    }

    /** Sends to the {@code n} tasks one grouping chose (none, or several), counting them; their ids. */
    private List<Integer> sendToEach(int[] out, int n, Route route, List<Object> values, boolean perTarget) {
        if (n == 0) {
            return List.of();
        }
        List<Integer> targets = new ArrayList<>(n);
        TupleImpl shared = null;
        for (int j = 0; j < n; j++) {
            shared = sendTo(out[j], route, values, perTarget, shared);
            targets.add(out[j]);
        }
        roundCounts.transferred += n;
        return targets;
    }

    /**
     * Sends to {@code directTask} if it is not negative, else to the tasks every grouping of the stream chose
     * (one unanchored tuple shared by all of them unless {@code perTarget}), counting them; their ids.
     */
    private List<Integer> sendToDirectOrAll(Route route, List<Object> values, int directTask, boolean perTarget) {
        if (directTask >= 0) {
            sendTo(directTask, route, values, perTarget, null);
            roundCounts.transferred++;
            return single(directTask);
        }
        int count = 0;
        int first = -1;
        List<Integer> many = null;
        TupleImpl shared = null;
        int[] out = route.scratch();
        for (TaskSelector selector : route.selectors()) {
            int n = selector.select(values, out);
            for (int j = 0; j < n; j++) {
                shared = sendTo(out[j], route, values, perTarget, shared);
                if (count == 0) {
                    first = out[j];
                } else {
                    if (many == null) {
                        many = new ArrayList<>();
                        many.add(first);
                    }
                    many.add(out[j]);
                }
                count++;
            }
        }
        roundCounts.transferred += count;
        return count == 0 ? List.of() : many != null ? many : single(first);
    }

    /**
     * The target list of an emit to one task: one immutable list per task id, made once, so the usual emit
     * allocates no list (an emit returns its targets, as Storm's does).
     */
    private List<Integer> single(int task) {
        List<Integer> l = task < singles.length ? singles[task] : null;
        return l != null ? l : newSingle(task);
    }

    private List<Integer> newSingle(int task) {
        if (task >= singles.length) {
            singles = Arrays.copyOf(singles, Math.max(task + 1, singles.length * 2));
        }
        List<Integer> l = Collections.singletonList(task);
        singles[task] = l;
        return l;
    }

    /**
     * Sends {@code task} its own tuple of the emit in progress, one with ids of its own ({@link #newTuple}). A subclass
     * may send it as its parts instead (the spout's: {@link Transfer#sendFirstOfTree}; a bolt's:
     * {@link Transfer#sendOfTree}).
     */
    void sendOwn(int task, Route route, List<Object> values) {
        transfer.send(task, newTuple(route, values));
    }

    /** A tuple for one target with ids of its own, for the emit in progress. */
    abstract TupleImpl newTuple(Route route, List<Object> values);

    /** A tuple that belongs to no tree. */
    final TupleImpl unanchored(Route route, List<Object> values) {
        return new TupleImpl(route.source(), values, MessageId.unanchored());
    }
}
