package io.squall.lambda;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

/**
 * A basic bolt whose {@code execute} is a {@link SerializableBiConsumer} of the tuple and the collector; it
 * declares the default stream with the given fields (none: no stream).
 */
public class LambdaBiConsumerBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private final SerializableBiConsumer<Tuple, BasicOutputCollector> biConsumer;
    private final String[] fields;

    /** A bolt running {@code biConsumer} for each tuple and emitting tuples of {@code fields}. */
    public LambdaBiConsumerBolt(SerializableBiConsumer<Tuple, BasicOutputCollector> biConsumer, String[] fields) {
        if (biConsumer == null) {
            throw new IllegalArgumentException("The bolt's function is null");
        }
        this.biConsumer = biConsumer;
        this.fields = fields == null ? new String[0] : fields.clone();
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        biConsumer.accept(input, collector);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        if (fields.length > 0) {
            declarer.declare(new Fields(fields));
        }
    }
}
