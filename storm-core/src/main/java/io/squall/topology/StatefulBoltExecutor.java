package io.squall.topology;

import io.squall.runtime.api.Kernel;
import io.squall.state.State;

import java.util.Map;

/**
 * Runs an {@link IStatefulBolt} as an ordinary bolt, as {@code TopologyBuilder.setBolt} does for stateful
 * bolts (Storm's class of this name): it hands the bolt its state, holds back the acks of its input until the
 * checkpoint that covers them commits, and carries out the checkpoint actions. The work is the kernel's:
 * this class holds the bolt and hands it to the runtime. Executor thread only.
 *
 * @param <T> the bolt's state type
 */
public final class StatefulBoltExecutor<T extends State> extends KernelRunBolt {
    private static final long serialVersionUID = 1L;

    private final IStatefulBolt<T> bolt;

    /** Wraps {@code bolt}. */
    public StatefulBoltExecutor(IStatefulBolt<T> bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IStatefulBolt<T> getBolt() {
        return bolt;
    }

    @Override
    IRichBolt newRunner() {
        return Kernel.get().statefulBolt(bolt);
    }

    @Override
    String describe() {
        return "Stateful bolt " + bolt;
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        bolt.declareOutputFields(declarer);
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }
}
