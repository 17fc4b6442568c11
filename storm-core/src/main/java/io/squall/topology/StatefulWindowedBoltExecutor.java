package io.squall.topology;

import io.squall.runtime.api.CheckpointedBolt;
import io.squall.runtime.api.Kernel;
import io.squall.spout.CheckPointState;
import io.squall.state.State;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * Runs an {@link IStatefulWindowedBolt} as an ordinary bolt, as {@code TopologyBuilder.setBolt} does for stateful
 * windowed bolts (Storm's class of this name; Storm's {@code PersistentWindowedBoltExecutor} is this class with
 * persistence on): it keeps the windows, hands the bolt its state, and carries out the checkpoint actions for
 * both. The work is the kernel's: this class holds the bolt and hands it to the runtime. Executor thread only.
 *
 * @param <T> the bolt's state type
 */
public final class StatefulWindowedBoltExecutor<T extends State> implements IRichBolt, CheckpointedBolt {
    private static final long serialVersionUID = 1L;

    private final IStatefulWindowedBolt<T> bolt;
    private transient IRichBolt runner;

    /** Wraps {@code bolt}. */
    public StatefulWindowedBoltExecutor(IStatefulWindowedBolt<T> bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IStatefulWindowedBolt<T> getBolt() {
        return bolt;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        runner = Kernel.get().statefulWindowedBolt(bolt);
        runner.prepare(topoConf, context, collector);
    }

    @Override
    public void execute(Tuple input) {
        runner().execute(input);
    }

    @Override
    public boolean onCheckpoint(long txid, CheckPointState.Action action) {
        return ((CheckpointedBolt) runner()).onCheckpoint(txid, action);
    }

    @Override
    public void cleanup() {
        if (runner != null) {
            runner.cleanup();
        }
    }

    private IRichBolt runner() {
        if (runner == null) {
            throw new IllegalStateException("Stateful windowed bolt " + bolt + " used before prepare");
        }
        return runner;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        new WindowedBoltExecutor(bolt).declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }
}
