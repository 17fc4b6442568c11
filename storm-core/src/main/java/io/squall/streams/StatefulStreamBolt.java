package io.squall.streams;

import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.List;
import java.util.Map;

/**
 * The bolt of {@code updateStateByKey}: a stateful bolt whose {@link KeyValueState} (checkpointed, from
 * {@code topology.state.provider}) maps each key to its state. An update emits the key's new state; a
 * {@code stateQuery} value, grouped to the same task as the key's updates, emits the key's state if it has one.
 * Punctuations pass through.
 */
final class StatefulStreamBolt extends BaseStatefulBolt<KeyValueState<Object, Object>> {
    private static final long serialVersionUID = 1L;
    private final BoltPlan plan;
    private transient OutputCollector collector;
    private transient Stage.Emitter emitter;
    private transient BoltPlan.Punctuations punctuations;
    private transient KeyValueState<Object, Object> state;
    private transient int taskId;

    StatefulStreamBolt(BoltPlan plan) {
        this.plan = plan;
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        emitter = plan.newEmitter(collector);
        punctuations = plan.newPunctuations(context);
        taskId = context.getThisTaskId();
    }

    @Override
    public void initState(KeyValueState<Object, Object> state) {
        this.state = state;
    }

    @Override
    public void execute(Tuple input) {
        if (BoltPlan.PUNCTUATION.equals(input.getSourceStreamId())) {
            if (punctuations.arrive(input.getSourceTask()) && plan.emitsPunctuation) {
                collector.emit(BoltPlan.PUNCTUATION, new Values(taskId));
            }
            collector.ack(input);
            return;
        }
        BoltPlan.Entry entry = plan.entry(input);
        Object value = entry.decode(input);
        emitter.anchorTo(List.of(input));
        if (entry.role() == BoltPlan.Role.HEAD) {
            Pair<?, ?> p = (Pair<?, ?>) value;
            Object current = state.get(p.value1);
            Object updated = plan.updater.apply(current == null ? plan.updater.init() : current, p.value2);
            state.put(p.value1, updated);
            plan.headOut.push(Pair.of(p.value1, updated), emitter);
        } else {
            Object current = state.get(value);
            if (current != null) {
                entry.target().push(Pair.of(value, current), emitter);
            }
        }
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        for (Map.Entry<String, Fields> e : plan.outputs().entrySet()) {
            declarer.declareStream(e.getKey(), e.getValue());
        }
    }
}
