package io.squall.hdfs.trident;

import io.squall.task.IMetricsContext;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Makes the {@link HdfsState} of each partition: {@code new HdfsStateFactory().withOptions(options)}. */
public class HdfsStateFactory implements StateFactory {
    private static final long serialVersionUID = 1L;
    private HdfsState.Options options;

    /** A factory to give its options with {@link #withOptions}. */
    public HdfsStateFactory() {
    }

    /**
     * The options of every partition's state, checked here, where the topology is built (Storm finds a missing URL
     * or policy only on the worker).
     *
     * @throws IllegalArgumentException naming every setting that is missing, and how to give it
     */
    public HdfsStateFactory withOptions(HdfsState.Options options) {
        if (options == null) {
            throw new IllegalArgumentException("HdfsStateFactory needs options: new HdfsState.HdfsFileOptions() or"
                    + " new HdfsState.SequenceFileOptions()");
        }
        List<String> problems = new ArrayList<>();
        options.checkSettings(problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        this.options = options;
        return this;
    }

    /**
     * @throws IllegalStateException when no options were given (withOptions)
     */
    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex, int numPartitions) {
        if (options == null) {
            throw new IllegalStateException("HdfsStateFactory has no options; call withOptions(...) when building"
                    + " the topology");
        }
        // A copy per partition: the options hold the open file, and partitions may share a worker.
        HdfsState state = new HdfsState(Utils.copy(options));
        state.prepare(conf, metrics, partitionIndex, numPartitions);
        return state;
    }
}
