package io.squall.topology;

import io.squall.runtime.api.CheckpointedBolt;
import io.squall.runtime.api.RootAcks;
import io.squall.spout.CheckPointState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * A bolt whose work the kernel does: at {@code prepare} it asks the kernel for the runner of the bolt it holds and
 * hands it every tuple and checkpoint action. What {@link StatefulBoltExecutor} and
 * {@link StatefulWindowedBoltExecutor} share. Executor thread only.
 */
abstract class KernelRunBolt implements IRichBolt, CheckpointedBolt {
    private static final long serialVersionUID = 1L;

    private transient IRichBolt runner;

    /** The kernel's runner of the held bolt. */
    abstract IRichBolt newRunner();

    /** What the held bolt is, for the error of a use before {@code prepare}. */
    abstract String describe();

    @Override
    public final void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        runner = newRunner();
        runner.prepare(topoConf, context, collector);
    }

    @Override
    public final void execute(Tuple input) {
        runner().execute(input);
    }

    @Override
    public final boolean onCheckpoint(long txid, CheckPointState.Action action) {
        return ((CheckpointedBolt) runner()).onCheckpoint(txid, action);
    }

    @Override
    public final void useRootAcks(RootAcks acks) {
        ((CheckpointedBolt) runner()).useRootAcks(acks);
    }

    @Override
    public final void cleanup() {
        if (runner != null) {
            runner.cleanup();
        }
    }

    private IRichBolt runner() {
        if (runner == null) {
            throw new IllegalStateException(describe() + " used before prepare");
        }
        return runner;
    }
}
