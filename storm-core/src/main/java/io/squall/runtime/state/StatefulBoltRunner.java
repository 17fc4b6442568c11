package io.squall.runtime.state;

import io.squall.Config;
import io.squall.runtime.api.CheckpointedBolt;
import io.squall.spout.CheckPointState.Action;
import io.squall.state.QueryableKeyValueState;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs one task of a stateful bolt. Its state comes from the topology's provider under the namespace
 * {@code component-task}; the bolt gets it in {@code initState} at the first INITSTATE (or ROLLBACK, or
 * COMMIT of a recovery). What the bolt acks is held back: at
 * PREPARE n the held tuples become those of checkpoint n, at COMMIT n they are acked for real, at ROLLBACK
 * every held tuple is failed (the spouts replay them) and the state goes back to its last commit. Tuples that
 * arrived before the state was initialized are failed too, as at a ROLLBACK. So the
 * update a tuple made and its ack always belong to the same checkpoint. Executor thread only.
 */
public final class StatefulBoltRunner implements IRichBolt, CheckpointedBolt {
    private static final long serialVersionUID = 1L;

    private final IStatefulBolt<State> bolt;
    private transient OutputCollector out;
    private transient Map<String, Object> topoConf;
    private transient TopologyContext context;
    private transient String name;
    private transient State state;
    private transient boolean initialized;
    /** Tuples that arrived before the state was initialized. */
    private transient List<Tuple> waiting;
    /** Tuples the bolt acked since the last PREPARE. */
    private transient List<Tuple> acked;
    /** Tuples the bolt acked before the PREPARE whose COMMIT is awaited. */
    private transient List<Tuple> prepared;

    @SuppressWarnings("unchecked")
    public StatefulBoltRunner(IStatefulBolt<?> bolt) {
        this.bolt = (IStatefulBolt<State>) bolt;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.out = collector;
        this.topoConf = topoConf;
        this.context = context;
        this.name = "stateful bolt '" + context.getThisComponentId() + "' (task " + context.getThisTaskId() + ", "
                + bolt.getClass().getName() + ")";
        this.waiting = new ArrayList<>();
        this.acked = new ArrayList<>();
        this.prepared = new ArrayList<>();
        bolt.prepare(topoConf, context, new OutputCollector(new Holding()));
    }

    /** The namespace of a task's state in the provider. */
    public static String namespace(String componentId, int taskId) {
        return componentId + "-" + taskId;
    }

    @Override
    public void execute(Tuple input) {
        if (initialized) {
            bolt.execute(input);
        } else {
            waiting.add(input);
        }
    }

    @Override
    public boolean onCheckpoint(long txid, Action action) {
        try {
            switch (action) {
                case INITSTATE, ROLLBACK -> {
                    if (initialized) {
                        rollback();
                    } else {
                        initialize(-1);
                    }
                }
                case PREPARE -> {
                    if (!initialized) {
                        return false; // Restarted since the last INITSTATE: the checkpoint rolls back and inits us.
                    }
                    bolt.prePrepare(txid);
                    state.prepareCommit(txid);
                    prepared.addAll(acked);
                    acked.clear();
                }
                case COMMIT -> {
                    if (!initialized) {
                        initialize(txid); // Recovery: commit what was prepared before the restart.
                        return true;
                    }
                    bolt.preCommit(txid);
                    state.commit(txid);
                    for (Tuple t : prepared) {
                        out.ack(t);
                    }
                    prepared.clear();
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
        try {
            state = StateFactory.getState(namespace(context.getThisComponentId(), context.getThisTaskId()), topoConf,
                    context);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot get its state from the provider: " + e.getMessage(), e);
        }
        if (commitTxid >= 0) {
            state.commit(commitTxid);
        }
        // Changes made after that PREPARE by the task before the restart are not committed: a state object that
        // outlived the task (in memory, across a rebalance) still has them.
        state.rollback();
        bolt.initState(state);
        initialized = true;
        expose(topologyName(), context, state);
        // Tuples that came before the barrier that initializes the state are on the far side of that cut, as
        // tuples before a ROLLBACK are: upstream, a failure among them was forgotten at the same barrier, so
        // counting them could commit partial updates. They are failed, and the spouts replay them.
        List<Tuple> early = waiting;
        waiting = new ArrayList<>();
        for (Tuple t : early) {
            out.fail(t);
        }
    }

    /**
     * Makes a task's state readable by the dashboard (queryable state) and reports its size and the keys its last
     * checkpoint wrote, when the provider's state can tell.
     */
    public static void expose(String topology, TopologyContext context, State state) {
        if (state instanceof QueryableKeyValueState<?, ?> q) {
            QueryableStates.register(topology, context.getThisComponentId(), context.getThisTaskId(), q);
            context.registerGauge("state.size", q::committedSize);
            context.registerGauge("checkpoint.last-keys", q::lastPreparedKeys);
        }
    }

    private void rollback() {
        bolt.preRollback();
        state.rollback();
        for (Tuple t : prepared) {
            out.fail(t);
        }
        for (Tuple t : acked) {
            out.fail(t);
        }
        prepared.clear();
        acked.clear();
    }

    /** How many acked tuples wait for a commit. */
    public int heldTuples() {
        return acked.size() + prepared.size();
    }

    private String topologyName() {
        return String.valueOf(topoConf.get(Config.TOPOLOGY_NAME));
    }

    @Override
    public void cleanup() {
        QueryableStates.unregister(topologyName(), context.getThisComponentId(), context.getThisTaskId());
        bolt.cleanup();
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        bolt.declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }

    /** The bolt's collector: emits and fails go through, acks wait for the commit. */
    private final class Holding implements IOutputCollector {
        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return out.emit(streamId, anchors, tuple);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            out.emitDirect(taskId, streamId, anchors, tuple);
        }

        @Override
        public void ack(Tuple input) {
            acked.add(input);
        }

        @Override
        public void fail(Tuple input) {
            out.fail(input);
        }

        @Override
        public void resetTimeout(Tuple input) {
            out.resetTimeout(input);
        }

        @Override
        public void reportError(Throwable error) {
            out.reportError(error);
        }
    }
}
