package io.squall.streams;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import io.squall.windowing.TupleWindow;

import java.util.List;
import java.util.Map;

/**
 * The bolt a {@code Stream.window} starts: a windowed bolt that, each time a window fires, runs every value in it
 * through the stateless ops that follow (each result anchored to the tuple it comes from), then sends a punctuation
 * to every downstream task, which closes the window there. The runtime acks the tuples as for any windowed bolt.
 */
final class WindowedStreamBolt extends BaseWindowedBolt {
    private static final long serialVersionUID = 1L;
    private final BoltPlan plan;
    private transient OutputCollector collector;
    private transient Stage.Emitter emitter;
    private transient int taskId;

    WindowedStreamBolt(BoltPlan plan) {
        this.plan = plan;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        emitter = plan.newEmitter(collector);
        taskId = context.getThisTaskId();
    }

    @Override
    public void execute(TupleWindow window) {
        for (Tuple t : window.get()) {
            BoltPlan.Entry entry = plan.entry(t);
            emitter.anchorTo(List.of(t));
            entry.target().push(entry.decode(t), emitter);
        }
        if (plan.emitsPunctuation) {
            collector.emit(BoltPlan.PUNCTUATION, new Values(taskId));
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        for (Map.Entry<String, Fields> e : plan.outputs().entrySet()) {
            declarer.declareStream(e.getKey(), e.getValue());
        }
    }
}
