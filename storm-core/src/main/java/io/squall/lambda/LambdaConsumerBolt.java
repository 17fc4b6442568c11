package io.squall.lambda;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;

/** A bolt that hands each tuple to a {@link SerializableConsumer} and emits nothing; tuples are acked after it. */
public class LambdaConsumerBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private final SerializableConsumer<Tuple> consumer;

    /** A bolt calling {@code consumer} for each tuple. */
    public LambdaConsumerBolt(SerializableConsumer<Tuple> consumer) {
        if (consumer == null) {
            throw new IllegalArgumentException("The bolt's consumer is null");
        }
        this.consumer = consumer;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        consumer.accept(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        // A consumer bolt ends a branch of the topology: it declares no stream.
    }
}
