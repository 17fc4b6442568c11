package io.squall.testing;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

/** Emits each input's values unchanged, with the given fields. */
public class IdentityBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private final Fields fields;

    public IdentityBolt(Fields fields) {
        this.fields = fields;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        collector.emit(input.getValues());
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(fields);
    }
}
