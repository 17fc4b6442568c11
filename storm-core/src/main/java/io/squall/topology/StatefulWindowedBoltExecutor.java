package io.squall.topology;

import io.squall.runtime.api.Kernel;
import io.squall.state.State;

import java.util.Map;

/**
 * Runs an {@link IStatefulWindowedBolt} as an ordinary bolt, as {@code TopologyBuilder.setBolt} does for stateful
 * windowed bolts (Storm's class of this name; Storm's {@code PersistentWindowedBoltExecutor} is this class with
 * persistence on): it keeps the windows, hands the bolt its state, and carries out the checkpoint actions for
 * both. The work is the kernel's: this class holds the bolt and hands it to the runtime. Executor thread only.
 *
 * @param <T> the bolt's state type
 */
public final class StatefulWindowedBoltExecutor<T extends State> extends KernelRunBolt {
    private static final long serialVersionUID = 1L;

    private final IStatefulWindowedBolt<T> bolt;

    /** Wraps {@code bolt}. */
    public StatefulWindowedBoltExecutor(IStatefulWindowedBolt<T> bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IStatefulWindowedBolt<T> getBolt() {
        return bolt;
    }

    @Override
    IRichBolt newRunner() {
        return Kernel.get().statefulWindowedBolt(bolt);
    }

    @Override
    String describe() {
        return "Stateful windowed bolt " + bolt;
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
