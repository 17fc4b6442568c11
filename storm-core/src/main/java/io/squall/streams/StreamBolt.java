package io.squall.streams;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.List;
import java.util.Map;

/**
 * A bolt of a stream topology that runs stateless ops and, at its head, possibly an {@link Aggregate}. Outside
 * windows each tuple is processed, its results emitted anchored to it, and acked. When its inputs come in windows,
 * an aggregation holds a window's tuples until the window closes (every upstream windowed task sent its
 * punctuation), then emits the results anchored to the tuples they come from and acks those tuples.
 */
final class StreamBolt extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private final BoltPlan plan;
    private transient OutputCollector collector;
    private transient Stage.Emitter emitter;
    private transient BoltPlan.Punctuations punctuations;
    private transient Aggregate.Run aggregation;
    private transient int taskId;

    StreamBolt(BoltPlan plan) {
        this.plan = plan;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        emitter = plan.newEmitter(collector);
        punctuations = plan.newPunctuations(context);
        aggregation = plan.aggregate == null ? null : plan.aggregate.newRun();
        taskId = context.getThisTaskId();
    }

    @Override
    public void execute(Tuple input) {
        if (BoltPlan.PUNCTUATION.equals(input.getSourceStreamId())) {
            if (punctuations.arrive(input.getSourceTask())) {
                windowClosed();
            }
            collector.ack(input);
            return;
        }
        BoltPlan.Entry entry = plan.entry(input);
        Object value = entry.decode(input);
        emitter.anchorTo(List.of(input));
        if (entry.role() == BoltPlan.Role.HEAD) {
            if (!punctuations.isEmpty()) {
                aggregation.add(entry.side(), value, input);
                return; // acked when its window closes
            }
            plan.headOut.push(aggregation.running(value), emitter);
        } else {
            entry.target().push(value, emitter);
        }
        collector.ack(input);
    }

    private void windowClosed() {
        if (aggregation != null) {
            List<Tuple> held = aggregation.flush((value, anchors) -> {
                emitter.anchorTo(anchors);
                plan.headOut.push(value, emitter);
            });
            for (Tuple t : held) {
                collector.ack(t);
            }
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
