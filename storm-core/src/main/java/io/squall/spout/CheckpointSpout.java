package io.squall.spout;

import com.codahale.metrics.Counter;
import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.spout.CheckPointState.Action;
import io.squall.state.KeyValueState;
import io.squall.state.StateFactory;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.util.Map;

/**
 * Drives checkpoints through a topology with stateful bolts, as Storm's {@code CheckpointSpout}; the
 * topology builder adds it (one task) when a topology has a stateful bolt. It emits one action at a time on
 * the {@link #CHECKPOINT_STREAM_ID} stream, tracked like any tuple tree: the bolts forward each action
 * downstream once it arrived from all their inputs, so its tree completes when every bolt has carried it
 * out. Every {@code topology.state.checkpoint.interval.ms} it sends PREPARE n+1; once that is acked,
 * COMMIT n+1. A failed PREPARE is followed by a ROLLBACK; a failed COMMIT, ROLLBACK or INITSTATE is
 * retried after the interval. Its own progress ({@link CheckPointState}) is kept in the state provider, so
 * a restart recovers (see there). A provider it cannot reach when it opens (a Redis down at the topology's start)
 * is tried again every interval, each attempt counted in {@code checkpoint.failures} and reported, and no action
 * goes out until it has read its progress.
 *
 * <p>A spout tuple's updates are committed, and the tuple acked, at the COMMIT of the checkpoint after the bolt ran
 * it. If that comes later than {@code topology.message.timeout.secs} after the spout emitted it, the spout has timed
 * the tuple out and replayed it by then: the stateful bolts hold such a replay back until the first attempt's
 * checkpoint commits (then ack it without running it) or rolls back, so the updates stay exact, but the work is
 * done again. This spout reports what it sees of it: a COMMIT acked later than the timeout after the action that
 * began its checkpoint's interval (the PREPARE before it, or the ROLLBACK or INITSTATE) was sent is counted in
 * {@code checkpoint.overdue} and reported, and when it opens, a message timeout that is not well above the interval
 * ({@link #timeoutWarning}) is logged and reported. Executor thread only.
 */
public class CheckpointSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSpout.class);
    public static final String CHECKPOINT_STREAM_ID = "$checkpoint";
    public static final String CHECKPOINT_COMPONENT_ID = "$checkpointspout";
    public static final String CHECKPOINT_FIELD_TXID = "txid";
    public static final String CHECKPOINT_FIELD_ACTION = "action";
    /** Squall's addition: which emit of the action this is, increasing, so bolts can tell a stale barrier. */
    public static final String CHECKPOINT_FIELD_ATTEMPT = "attempt";
    /** The key of the spout's progress in its state (namespace {@link #CHECKPOINT_COMPONENT_ID}). */
    public static final String STATE_KEY = "__state";

    /**
     * Whether {@code input} is one of this spout's checkpoint actions (it came on {@link #CHECKPOINT_STREAM_ID}),
     * as Storm's: what a stateful bolt's executor handles itself and never hands the bolt.
     */
    public static boolean isCheckpoint(Tuple input) {
        return CHECKPOINT_STREAM_ID.equals(input.getSourceStreamId());
    }

    /** How many checkpoint intervals the message timeout should cover at least. */
    public static final int TIMEOUT_INTERVALS = 3;

    /** The message id of an action in flight. */
    private record Attempt(long txid, Action action) implements Serializable {
    }

    private transient SpoutOutputCollector collector;
    private transient Clock clock;
    private transient Map<String, Object> conf;
    private transient TopologyContext context;
    private transient KeyValueState<String, CheckPointState> store;
    private transient long intervalMs;
    private transient CheckPointState current;
    /** Whether {@link #current} changed and must be saved before the next action goes out. */
    private transient boolean unsaved;
    private transient boolean recovering;
    private transient boolean inFlight;
    /** The next action to send, or null to send PREPARE when it is due. */
    private transient Action next;
    private transient long dueAtMillis;
    private transient long prepareStartMillis;
    private transient long lastAttempt;
    private transient volatile long lastDurationMillis;
    private transient volatile long lastCommitted;
    private transient Counter failures;
    private transient Counter overdue;
    private transient long timeoutMillis;
    /** When the action after which the bolts ran the tuples of the checkpoint in progress was sent. */
    private transient long intervalStartMillis;
    /** When the action in flight was sent. */
    private transient long sentMillis;

    @SuppressWarnings("unchecked")
    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.clock = context.getClock();
        this.conf = conf;
        this.context = context;
        Object interval = conf.get(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL);
        this.intervalMs = interval instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.defaultValue()).longValue();
        context.registerGauge("checkpoint.committed-txid", () -> lastCommitted);
        context.registerGauge("checkpoint.duration-ms", () -> lastDurationMillis);
        this.failures = context.registerCounter("checkpoint.failures");
        this.overdue = context.registerCounter("checkpoint.overdue");
        Object timeout = conf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS);
        this.timeoutMillis = 1000L * (timeout instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue()).longValue());
        this.intervalStartMillis = clock.currentTimeMillis();
        this.lastCommitted = -1;
        this.dueAtMillis = clock.currentTimeMillis();
        String warning = timeoutWarning(conf);
        if (warning != null) {
            LOG.warn(warning);
            collector.reportError(new IllegalArgumentException(warning));
        }
        openStore();
    }

    /**
     * The warning for a topology with stateful bolts whose {@code topology.message.timeout.secs} is less than
     * {@link #TIMEOUT_INTERVALS} checkpoint intervals, or null when it is not (or timeouts are off). A spout tuple
     * waits up to an interval and a checkpoint's duration for its commit; one that waits longer than the timeout is
     * replayed, and the replay waits for that commit and is acked without running: exact, but done twice.
     */
    public static String timeoutWarning(Map<String, Object> conf) {
        Object enabled = conf.get(ConfigKeys.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS.name());
        if (Boolean.FALSE.equals(enabled) || "false".equals(enabled)) {
            return null;
        }
        Object interval = conf.get(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL);
        long intervalMs = interval instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.defaultValue()).longValue();
        Object timeout = conf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS);
        long timeoutSecs = timeout instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue()).longValue();
        if (timeoutSecs * 1000 >= TIMEOUT_INTERVALS * intervalMs) {
            return null;
        }
        return Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS + " = " + timeoutSecs + " is not well above "
                + Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL + " = " + intervalMs + ": a spout tuple is acked at the "
                + "commit of the checkpoint after a stateful bolt ran it, up to an interval and a checkpoint's "
                + "duration later, and the spouts replay what waits longer than the timeout (the replays wait for "
                + "that commit and are acked without running, so state stays exact, but the work is done twice). "
                + "Raise " + Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS + " to at least " + TIMEOUT_INTERVALS
                + " intervals (" + (TIMEOUT_INTERVALS * intervalMs + 999) / 1000 + " s) or lower "
                + Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL + " to at most a third of the timeout ("
                + timeoutSecs * 1000 / TIMEOUT_INTERVALS + " ms)";
    }

    /**
     * Opens the spout's state in the provider and reads its progress, from which it recovers; when the provider
     * cannot be reached, counts and reports a failed checkpoint and leaves the store closed, to be tried again
     * after the interval.
     */
    @SuppressWarnings("unchecked")
    private void openStore() {
        KeyValueState<String, CheckPointState> s = null;
        try {
            s = (KeyValueState<String, CheckPointState>) StateFactory.getState(CHECKPOINT_COMPONENT_ID, conf,
                    context);
            current = s.get(STATE_KEY, CheckPointState.initial());
        } catch (RuntimeException e) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception closing) {
                    e.addSuppressed(closing);
                }
            }
            failures.inc();
            collector.reportError(new IllegalStateException("The checkpoint spout cannot read its progress from the "
                    + "state provider; no checkpoint starts until it can, and it retries in " + intervalMs + " ms: "
                    + e, e));
            dueAtMillis = clock.currentTimeMillis() + intervalMs;
            return;
        }
        store = s;
        recovering = true;
        next = current.recoveryAction();
        lastCommitted = current.state() == CheckPointState.State.COMMITTED ? current.txid() : current.txid() - 1;
        LOG.info("Checkpoint spout starts at {}: first action {}", current, next);
    }

    @Override
    public void nextTuple() {
        if (inFlight || clock.currentTimeMillis() < dueAtMillis) {
            return;
        }
        if (store == null) {
            openStore();
            if (store == null) {
                return;
            }
        }
        if (unsaved) {
            try {
                store.put(STATE_KEY, current);
                store.commit();
                unsaved = false;
            } catch (RuntimeException e) {
                // A checkpoint that cannot go on (the provider is down) is a failed one on the dashboard too.
                failures.inc();
                collector.reportError(new IllegalStateException("The checkpoint spout cannot save its progress "
                        + current + " in the state provider; it retries in " + intervalMs + " ms: " + e, e));
                dueAtMillis = clock.currentTimeMillis() + intervalMs;
                return;
            }
        }
        if (next == null) {
            // A new checkpoint: saved as PREPARING first, so a restart rolls back a half-done prepare.
            current = new CheckPointState(current.txid() + 1, CheckPointState.State.PREPARING);
            next = Action.PREPARE;
            unsaved = true;
            nextTuple();
            return;
        }
        inFlight = true;
        sentMillis = clock.currentTimeMillis();
        if (next == Action.PREPARE) {
            prepareStartMillis = sentMillis;
        }
        // Attempts increase across restarts too, as long as the clock does not go back 1 ms per 1000 attempts.
        lastAttempt = Math.max(lastAttempt + 1, clock.currentTimeMillis() * 1000);
        collector.emit(CHECKPOINT_STREAM_ID, new Values(current.txid(), next.name(), lastAttempt),
                new Attempt(current.txid(), next));
    }

    @Override
    public void ack(Object msgId) {
        Attempt a = (Attempt) msgId;
        inFlight = false;
        long now = clock.currentTimeMillis();
        switch (a.action()) {
            case PREPARE -> {
                current = new CheckPointState(a.txid(), CheckPointState.State.COMMITTING);
                unsaved = true;
                next = Action.COMMIT;
                dueAtMillis = now;
                return;
            }
            case COMMIT -> {
                current = new CheckPointState(a.txid(), CheckPointState.State.COMMITTED);
                unsaved = true;
                lastCommitted = a.txid();
                lastDurationMillis = now - prepareStartMillis;
                checkOverdue(a.txid(), now);
                intervalStartMillis = prepareStartMillis;
            }
            case ROLLBACK -> {
                current = new CheckPointState(a.txid() - 1, CheckPointState.State.COMMITTED);
                unsaved = true;
                intervalStartMillis = sentMillis;
            }
            case INITSTATE -> {
                recovering = false;
                intervalStartMillis = sentMillis;
            }
            default -> throw new IllegalStateException("Unknown action " + a.action());
        }
        // After a recovering COMMIT or ROLLBACK, the bolts still need their state initialized.
        next = recovering && a.action() != Action.INITSTATE ? Action.INITSTATE : null;
        dueAtMillis = next != null ? now : now + intervalMs;
    }

    /**
     * Counts and reports a commit that came later than the message timeout after its tuples could have been run: a
     * spout may have replayed some of them meanwhile (the stateful bolts hold such replays back, so this costs work,
     * not exactness).
     */
    private void checkOverdue(long txid, long now) {
        long held = now - intervalStartMillis;
        if (held < timeoutMillis) {
            return;
        }
        overdue.inc();
        collector.reportError(new IllegalStateException("Checkpoint " + txid + " committed " + held + " ms after "
                + "the bolts could run its first tuples, more than " + Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS + " = "
                + timeoutMillis / 1000 + ": the spouts may have timed out and replayed tuples of it meanwhile (the "
                + "stateful bolts hold such replays back until the commit and then ack them without running them: "
                + "the counts stay exact, the work is done twice). Raise " + Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS + " well above "
                + Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL + " (" + intervalMs + " ms) plus a checkpoint's duration "
                + "(last " + (now - prepareStartMillis) + " ms), or find why checkpoints are slow (a provider that "
                + "is slow or down, an overloaded worker)"));
    }

    @Override
    public void fail(Object msgId) {
        Attempt a = (Attempt) msgId;
        inFlight = false;
        failures.inc();
        LOG.warn("Checkpoint {} {} failed; {}", a.action(), a.txid(),
                a.action() == Action.PREPARE ? "rolling back" : "retrying");
        next = a.action() == Action.PREPARE ? Action.ROLLBACK : a.action();
        dueAtMillis = clock.currentTimeMillis() + (a.action() == Action.PREPARE ? 0 : intervalMs);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declareStream(CHECKPOINT_STREAM_ID, new Fields(CHECKPOINT_FIELD_TXID, CHECKPOINT_FIELD_ACTION,
                CHECKPOINT_FIELD_ATTEMPT));
    }
}
