package io.squall.runtime.state;

import io.squall.state.State;
import io.squall.state.UnserializableStateException;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.IStatefulComponent;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Runs one task of a stateful bolt. Its state comes from the topology's provider under the namespace
 * {@code component-task}; the bolt gets it in {@code initState} at the first INITSTATE (or ROLLBACK, or
 * COMMIT of a recovery). What the bolt acks is held back: at PREPARE n the held tuples become those of
 * checkpoint n, at COMMIT n they are acked for real, at ROLLBACK every held tuple is failed (the spouts replay
 * them) and the state goes back to its last commit. So the update a tuple made and its ack always belong to the
 * same checkpoint; a replay whose updates are committed is acked without reaching the bolt (see
 * {@link StatefulTaskRunner}). Executor thread only.
 */
public final class StatefulBoltRunner extends StatefulTaskRunner {
    private static final long serialVersionUID = 1L;

    private final IStatefulBolt<State> bolt;

    /** Runs {@code bolt}. */
    @SuppressWarnings("unchecked")
    public StatefulBoltRunner(IStatefulBolt<?> bolt) {
        this.bolt = (IStatefulBolt<State>) bolt;
    }

    @Override
    protected IStatefulComponent<State> component() {
        return bolt;
    }

    @Override
    protected boolean keyedByGroup() {
        return true;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        prepareRunner(topoConf, context, collector, "stateful bolt");
        bolt.prepare(topoConf, context, new OutputCollector(new Holding()));
    }

    /**
     * Runs the bolt on an admitted tuple. A value its state cannot serialize fails the tuple as any exception does
     * (the executor reports it and fails the tuple, so the checkpoint in progress rolls back and the spout replays
     * it); its error is named here with the bolt's component and task.
     */
    @Override
    public void execute(Tuple input) {
        if (admit(input)) {
            run(input);
        }
    }

    @Override
    protected void run(Tuple input) {
        try {
            bolt.execute(input);
        } catch (UnserializableStateException e) {
            throw e.in(name());
        }
    }

    @Override
    public void cleanup() {
        cleanupRunner();
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
            return out().emit(streamId, anchors, tuple);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            out().emitDirect(taskId, streamId, anchors, tuple);
        }

        @Override
        public void ack(Tuple input) {
            holdAck(input);
        }

        @Override
        public void fail(Tuple input) {
            out().fail(input);
        }

        @Override
        public void resetTimeout(Tuple input) {
            out().resetTimeout(input);
        }

        @Override
        public void reportError(Throwable error) {
            out().reportError(error);
        }
    }
}
