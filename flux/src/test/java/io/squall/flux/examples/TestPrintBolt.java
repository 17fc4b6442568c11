package io.squall.flux.examples;

import io.squall.flux.test.Recorder;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;

/** Storm's flux-examples print bolt, written for Squall: prints each tuple and records it as "printed". */
public class TestPrintBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;

    @Override
    public void execute(Tuple tuple, BasicOutputCollector collector) {
        System.out.println(tuple);
        Recorder.record("printed", tuple.getValues());
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
