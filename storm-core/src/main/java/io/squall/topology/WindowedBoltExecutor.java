package io.squall.topology;

import io.squall.config.ConfigKeys;
import io.squall.runtime.api.Kernel;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * Runs an {@link IWindowedBolt} as an ordinary bolt, as {@code TopologyBuilder.setBolt} does for windowed
 * bolts: keeps its tuples in windows, calls {@code execute(TupleWindow)} when a window fires and acks each
 * tuple when no later window can hold it. Late tuples (event time) go to the late-tuple stream when one is
 * configured, else they are logged (rate-limited), counted and acked. The windowing itself is the kernel's:
 * this class holds the bolt and hands it to the runtime. Executor thread only.
 */
public final class WindowedBoltExecutor implements IRichBolt {
    private static final long serialVersionUID = 1L;
    /** The field of the late-tuple stream. */
    public static final String LATE_TUPLE_FIELD = "late_tuple";

    private final IWindowedBolt bolt;
    private transient IRichBolt runner;

    /** Wraps {@code bolt}. */
    public WindowedBoltExecutor(IWindowedBolt bolt) {
        this.bolt = bolt;
    }

    /** The wrapped bolt. */
    public IWindowedBolt getBolt() {
        return bolt;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        runner = Kernel.get().windowedBolt(bolt);
        runner.prepare(topoConf, context, collector);
    }

    @Override
    public void execute(Tuple input) {
        if (runner == null) {
            throw new IllegalStateException("Windowed bolt " + bolt + " executed before prepare");
        }
        runner.execute(input);
    }

    @Override
    public void cleanup() {
        if (runner != null) {
            runner.cleanup();
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        bolt.declareOutputFields(declarer);
        Map<String, Object> conf = bolt.getComponentConfiguration();
        Object late = conf == null ? null : conf.get(ConfigKeys.TOPOLOGY_BOLTS_LATE_TUPLE_STREAM.name());
        if (late != null) {
            declarer.declareStream((String) late, new Fields(LATE_TUPLE_FIELD));
        }
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return bolt.getComponentConfiguration();
    }
}
