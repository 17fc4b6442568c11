package io.squall.runtime.state;

import io.squall.Config;
import io.squall.runtime.api.CheckpointedBolt;
import io.squall.runtime.api.RootAcks;
import io.squall.spout.CheckPointState.Action;
import io.squall.state.KeyValueState;
import io.squall.state.QueryableKeyValueState;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.IStatefulComponent;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the runners of stateful bolts and of stateful windowed bolts share: one task's state from the topology's
 * provider (namespace {@code component-task}), the acks held until the checkpoint that covers them commits, the
 * log of replay keys that lets a replay of committed updates through ({@link AppliedLog}), and the checkpoint
 * actions that drive them, in {@link #onCheckpoint} (a template method: subclasses add states and hooks).
 *
 * <pre>
 *   new --prepare--> waiting for state --INITSTATE | ROLLBACK | COMMIT n (recovery: commit what was prepared)--> running
 *   running --PREPARE n--> (held acks become checkpoint n's) --COMMIT n--> (acked) running
 *   running --INITSTATE | ROLLBACK--> (back to the last commit, held tuples failed) running
 * </pre>
 *
 * <p>A PREPARE before the state is initialized fails (the task restarted since the last INITSTATE: the checkpoint
 * rolls back and initializes it). Tuples that arrive before the state is initialized are failed once it is, as at a
 * ROLLBACK: they belong before the cut.
 *
 * <p>Another attempt of a spout tuple whose updates this task applied since its last commit (a replay after the
 * spout timed the first attempt out, or the first attempt delayed behind its replay; {@link UncommittedKeys}) is held
 * back, not run, until the checkpoint that holds those updates commits or rolls back: at each COMMIT the held tuples
 * are admitted again, so the applied log acks those whose updates are now committed and the rest run (or wait for
 * the next COMMIT, when the updates they repeat are in the part applied since the PREPARE); at a ROLLBACK they are
 * failed with the other tuples from before the cut, and the spouts replay them. Executor thread only.
 */
public abstract class StatefulTaskRunner implements IRichBolt, CheckpointedBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StatefulTaskRunner.class);

    private transient OutputCollector out;
    private transient Map<String, Object> topoConf;
    private transient TopologyContext context;
    private transient String name;
    private transient State state;
    /** The states checkpointed with {@link #state}, from {@link #openMoreStates}. */
    private transient List<State> moreStates;
    private transient ReplayLog applied;
    /** The key groups of a keyed bolt's task, else null. */
    private transient InputKeyGroups keyGroups;
    /** The state by key group of a keyed bolt's task, once initialized, else null. */
    private transient KeyGroupedState keyed;
    private transient boolean initialized;
    /** Whether the state was initialized from an earlier run's checkpoints; see {@link #resumed()}. */
    private transient boolean resumed;
    /** Tuples that arrived before the state was initialized. */
    private transient List<Tuple> waiting;
    /** Tuples to ack at the commit of the next PREPARE. */
    private transient HeldAcks pending;
    /** Tuples to ack at the COMMIT awaited. */
    private transient HeldAcks prepared;
    /** Sends held acks from their numbers; null when the runtime offers none (acks are then held as tuples). */
    private transient RootAcks rootAcks;
    /** Applied tuples' replay keys since the last commit, by attempt; null when the task keeps no applied log. */
    private transient UncommittedKeys uncommitted;
    /** Tuples held back until the fate of the uncommitted updates of another attempt of their spout tuple is known. */
    private transient List<Tuple> heldBack;
    private transient LongAdder heldBackTotal;
    /** The last tuple whose key group was computed, and that group. */
    private transient Tuple lastGrouped;
    private transient int lastGroup;

    /** The namespace of a task's state in the provider. */
    public static String namespace(String componentId, int taskId) {
        return componentId + "-" + taskId;
    }

    /**
     * The namespace in the provider of one key group's state of a keyed stateful bolt (one fed only by fields
     * groupings), from 0 to {@code topology.state.key.groups - 1}.
     */
    public static String groupNamespace(String componentId, int group) {
        return KeyGroupedState.namespace(componentId, group);
    }

    /** The component whose state this runs: its {@code initState} and checkpoint hooks are called. */
    protected abstract IStatefulComponent<State> component();

    /**
     * Processes a tuple {@link #admit} let through: from {@code execute}, and from the runner for a tuple it held back
     * and admits at a COMMIT (an exception then fails the tuple and is reported, as the executor does).
     */
    protected abstract void run(Tuple input);

    /**
     * Opens the states, besides the component's, that the task checkpoints with it; called at initialization,
     * before they are committed (recovery) and rolled back to their last commit.
     */
    protected List<State> openMoreStates() {
        return List.of();
    }

    /**
     * Whether the component's state is kept by key group when the topology says so (a stateful bolt fed only by
     * fields groupings); a subclass whose state is not scoped to its input tuples says no.
     */
    protected boolean keyedByGroup() {
        return false;
    }

    /** Called at PREPARE, after the component's {@code prePrepare} and before the states are staged. */
    protected void beforePrepare(long txid) {
    }

    /** Called at COMMIT, once the states committed what the last PREPARE staged. */
    protected void afterCommit(long txid) {
    }

    /** Called once the states are back at their last commit: after initialization and after a rollback. */
    protected void restored() {
    }

    /**
     * The tuples that came before the state was initialized: in {@link #restored} after the initialization, those the
     * task fails right after it (the spouts replay them); empty at any other time.
     */
    protected final List<Tuple> earlyTuples() {
        return java.util.Collections.unmodifiableList(waiting);
    }

    /**
     * Whether this task's state was initialized from an earlier run's checkpoints (a worker or topology restart)
     * rather than at a new topology's first INITSTATE: then tuples the task's previous run took in after its last
     * checkpoint are being replayed as their timeouts expire.
     */
    protected final boolean resumed() {
        return resumed;
    }

    /** Sets the runner up; a subclass calls it first in {@code prepare}. {@code kind} names it in errors. */
    protected final void prepareRunner(Map<String, Object> topoConf, TopologyContext context,
                                       OutputCollector collector, String kind) {
        this.out = collector;
        this.topoConf = topoConf;
        this.context = context;
        this.name = kind + " '" + context.getThisComponentId() + "' (task " + context.getThisTaskId() + ", "
                + component().getClass().getName() + ")";
        this.waiting = new ArrayList<>();
        this.pending = new HeldAcks();
        this.prepared = new HeldAcks();
        this.keyGroups = keyedByGroup() ? InputKeyGroups.of(context) : null;
        this.heldBack = new ArrayList<>();
        this.heldBackTotal = new LongAdder();
        context.registerGauge("state.replays-skipped", () -> applied == null ? 0 : applied.skipped());
        context.registerGauge("state.replays-held", heldBackTotal::sum);
        context.registerGauge("state.applied-log.bytes", () -> applied == null ? 0 : applied.bytes());
    }

    /** The task's collector (acks sent through it are not held). */
    protected final OutputCollector out() {
        return out;
    }

    /** The task's context. */
    protected final TopologyContext context() {
        return context;
    }

    /** How the task is named in errors: kind, component, task and class. */
    protected final String name() {
        return name;
    }

    /** The topology's configuration. */
    protected final Map<String, Object> topoConf() {
        return topoConf;
    }

    /**
     * Whether {@code input} is for the subclass to process: not when the state is not initialized yet (it is
     * failed once it is), nor when the committed checkpoints hold its updates already (a replay after its ack was
     * lost: it is acked now, the bolt does not see it), nor when another attempt of its spout tuple was applied since
     * the last commit (it is held back until that checkpoint commits or rolls back).
     */
    protected final boolean admit(Tuple input) {
        if (!initialized) {
            waiting.add(input);
            return false;
        }
        if (keyed != null && !keyed.enter(groupOf(input))) {
            out.fail(input);
            out.reportError(new IllegalStateException(name + " got a tuple of key group " + groupOf(input)
                    + ", which it does not own (groups " + keyGroups.first() + " to " + (keyGroups.end() - 1)
                    + "): a sender routes by another task layout; the tuple is failed and replayed"));
            return false;
        }
        if (applied != null && applied.skip(input)) {
            out.ack(input);
            return false;
        }
        if (uncommitted != null && uncommitted.conflicts(input)) {
            heldBack.add(input);
            heldBackTotal.increment();
            return false;
        }
        return true;
    }

    /** Acks {@code input} at the commit of the checkpoint after the next PREPARE. */
    protected final void holdAck(Tuple input) {
        // The group from the tuple, not the one entered last: a bolt may ack a tuple after running others.
        pending.add(input, rootAcks, keyed == null ? 0 : groupOf(input) - keyGroups.first());
        if (uncommitted != null) {
            uncommitted.record(input);
        }
    }

    /** The key group of {@code input}, computed once for the tuple being executed (admitted, then acked). */
    private int groupOf(Tuple input) {
        if (input != lastGrouped) {
            lastGroup = keyGroups.groupOf(input);
            lastGrouped = input;
        }
        return lastGroup;
    }

    @Override
    public final void useRootAcks(RootAcks acks) {
        this.rootAcks = acks;
    }

    @Override
    public final boolean onCheckpoint(long txid, Action action) {
        try {
            switch (action) {
                case INITSTATE, ROLLBACK -> {
                    if (initialized) {
                        rollback();
                    } else {
                        // Only a new topology's first INITSTATE is 0: anything else finds an earlier run's checkpoints.
                        resumed = action != Action.INITSTATE || txid != 0;
                        initialize(-1);
                    }
                }
                case PREPARE -> {
                    if (!initialized) {
                        return false; // Restarted since the last INITSTATE: the checkpoint rolls back and inits us.
                    }
                    component().prePrepare(txid);
                    beforePrepare(txid);
                    state.prepareCommit(txid);
                    moreStates.forEach(s -> s.prepareCommit(txid));
                    if (prepared.isEmpty()) {
                        HeldAcks empty = prepared; // Swapped, not copied: they can be a million tuples.
                        prepared = pending;
                        pending = empty;
                    } else {
                        prepared.takeAll(pending);
                    }
                    if (applied != null) {
                        applied.prepare(txid, prepared);
                        uncommitted.prepare();
                    }
                }
                case COMMIT -> {
                    if (!initialized) {
                        resumed = true;
                        initialize(txid); // Recovery: commit what was prepared before the restart.
                        return true;
                    }
                    component().preCommit(txid);
                    state.commit(txid);
                    moreStates.forEach(s -> s.commit(txid));
                    if (applied != null) {
                        applied.commit(txid);
                        uncommitted.commit();
                    }
                    prepared.ackAll(rootAcks, out);
                    afterCommit(txid);
                    admitHeldBack();
                }
                default -> throw new IllegalStateException("Unknown checkpoint action " + action);
            }
            return true;
        } catch (RuntimeException e) {
            out.reportError(new IllegalStateException(name + ": checkpoint " + action + " " + txid + " failed: "
                    + e.getMessage(), e));
            return false;
        }
    }

    private void initialize(long commitTxid) {
        String component = context.getThisComponentId();
        String ns = namespace(component, context.getThisTaskId());
        List<KeyValueState<Object, Object>> logs = new ArrayList<>();
        try {
            if (keyGroups != null) {
                keyed = KeyGroupedState.open(component, keyGroups.first(), keyGroups.end(),
                        n -> StateFactory.getState(n, topoConf, context));
                state = keyed;
                for (int g = keyGroups.first(); g < keyGroups.end(); g++) {
                    logs.add(logStore(StateFactory.getState(AppliedLog.namespace(groupNamespace(component, g)),
                            topoConf, context)));
                }
            } else {
                state = StateFactory.getState(ns, topoConf, context);
                logs.add(logStore(StateFactory.getState(AppliedLog.namespace(ns), topoConf, context)));
            }
            moreStates = openMoreStates();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot get its state from the provider: " + e.getMessage(), e);
        }
        boolean logged = !logs.contains(null);
        if (commitTxid >= 0) {
            state.commit(commitTxid);
            moreStates.forEach(s -> s.commit(commitTxid));
            if (logged) {
                logs.forEach(log -> log.commit(commitTxid));
            }
        }
        // Changes made after that PREPARE by the task before the restart are not committed: a state object that
        // outlived the task (in memory, across a rebalance) still has them.
        state.rollback();
        moreStates.forEach(State::rollback);
        if (logged) {
            logs.forEach(State::rollback);
            applied = openLog(logs);
            uncommitted = new UncommittedKeys();
        }
        component().initState(state);
        initialized = true;
        expose(topologyName(), context, state);
        restored();
        // Tuples that came before the barrier that initializes the state are on the far side of that cut, as
        // tuples before a ROLLBACK are: upstream, a failure among them was forgotten at the same barrier, so
        // counting them could commit partial updates. They are failed, and the spouts replay them.
        List<Tuple> early = waiting;
        waiting = new ArrayList<>();
        early.forEach(out::fail);
    }

    private ReplayLog openLog(List<KeyValueState<Object, Object>> logs) {
        if (keyed == null) {
            return new AppliedLog(logs.get(0), context.getClock(), retainMillis());
        }
        return new KeyGroupedLog(keyed, logs, context.getClock(), retainMillis());
    }

    @SuppressWarnings("unchecked")
    private KeyValueState<Object, Object> logStore(State s) {
        if (s instanceof KeyValueState<?, ?> kv) {
            return (KeyValueState<Object, Object>) kv;
        }
        LOG.warn("{}: the state provider gives a {}, not a KeyValueState, so the task keeps no log of applied "
                + "replay keys: a worker killed between a commit and the arrival of its acks at the spouts makes "
                + "the replays apply their updates twice", name, s.getClass().getName());
        return null;
    }

    /** Twice the message timeout: a spout replays what it was not acked within it, or at once when restarted. */
    private long retainMillis() {
        return ReplayKeys.retainMillis(topoConf);
    }

    private void rollback() {
        component().preRollback();
        state.rollback();
        moreStates.forEach(State::rollback);
        if (applied != null) {
            applied.rollback();
            uncommitted.rollback();
        }
        prepared.failAll(rootAcks, out);
        pending.failAll(rootAcks, out);
        // Held back tuples came before the cut too; the updates of the attempts they waited for are gone.
        List<Tuple> held = heldBack;
        heldBack = new ArrayList<>();
        held.forEach(out::fail);
        restored();
    }

    /**
     * After a COMMIT, admits again the tuples held back: the applied log acks those whose spout tuple's updates are
     * now committed, one still waiting for the part applied since the PREPARE is held again, and the others run.
     */
    private void admitHeldBack() {
        if (heldBack.isEmpty()) {
            return;
        }
        List<Tuple> held = heldBack;
        heldBack = new ArrayList<>();
        for (Tuple t : held) {
            if (admit(t)) {
                try {
                    run(t);
                } catch (RuntimeException e) {
                    // As the executor does for a tuple that throws: reported, failed (which fails the next PREPARE).
                    out.reportError(e);
                    out.fail(t);
                }
            }
        }
    }

    /**
     * Makes a task's state readable by the dashboard (queryable state) and reports its size and the keys its last
     * checkpoint wrote, when the provider's state can tell.
     */
    public static void expose(String topology, TopologyContext context, State state) {
        if (state instanceof QueryableKeyValueState<?, ?> q && !(state instanceof KeyGroupedState k && !k.queryable())) {
            QueryableStates.register(topology, context.getThisComponentId(), context.getThisTaskId(), q);
            context.registerGauge("state.size", q::committedSize);
            context.registerGauge("checkpoint.last-keys", q::lastPreparedKeys);
        }
    }

    /** How many acked tuples wait for a commit. */
    public final int heldAcks() {
        return pending.tuples() + prepared.tuples();
    }

    private String topologyName() {
        return String.valueOf(topoConf.get(Config.TOPOLOGY_NAME));
    }

    /** Stops making the state readable; a subclass's {@code cleanup} calls it. */
    protected final void cleanupRunner() {
        QueryableStates.unregister(topologyName(), context.getThisComponentId(), context.getThisTaskId());
    }
}
