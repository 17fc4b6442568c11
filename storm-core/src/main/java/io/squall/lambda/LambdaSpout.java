package io.squall.lambda;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.Map;

/**
 * A spout that emits what a {@link SerializableSupplier} returns, one value per {@code nextTuple}, on the
 * default stream with the single field {@code lambda} (as Storm). A null from the supplier emits nothing.
 * Tuples are unanchored (no message id), so they are not replayed.
 */
public class LambdaSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private final SerializableSupplier<?> supplier;
    private transient SpoutOutputCollector collector;

    /** A spout emitting {@code supplier}'s values. */
    public LambdaSpout(SerializableSupplier<?> supplier) {
        if (supplier == null) {
            throw new IllegalArgumentException("The spout's supplier is null");
        }
        this.supplier = supplier;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void nextTuple() {
        Object value = supplier.get();
        if (value != null) {
            collector.emit(new Values(value));
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("lambda"));
    }
}
