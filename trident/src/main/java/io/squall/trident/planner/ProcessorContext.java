package io.squall.trident.planner;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.topology.TransactionAttempt;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What processors of one task share: config, context, the batch being run. Confined to the task thread. */
final class ProcessorContext {
    final Map<String, Object> conf;
    final TopologyContext context;
    final TridentOperationContext operationContext;
    final OutputCollector collector;
    TransactionAttempt tx;
    /** The task that sent the rows being executed (event-time windows keep a watermark per source). */
    int sourceTask;
    /** Whether the part's inputs carry event time: then {@link #inputWatermark} is theirs. */
    boolean eventTimeInputs;
    /** The watermark of the batch being run, the least over the inputs ({@link BatchWatermarks}). */
    long inputWatermark = BatchWatermarks.NONE;
    /** Late tuples per window, shared by the task's windows; made by the first that needs it. */
    io.squall.runtime.windowing.RecentLateWindows lateWindows;
    /** Where windows count late tuples: the component's statistics. */
    LongAdder lateTuples = new LongAdder();

    ProcessorContext(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.conf = conf;
        this.context = context;
        this.operationContext = new TridentOperationContext(context);
        this.collector = collector;
    }
}
