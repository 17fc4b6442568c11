package io.squall.flux.test;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;

/** Records every tuple's values in {@link Recorder} under its name (default "recorded"). */
public class RecordingBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private String name = "recorded";

    public RecordingBolt() {
    }

    public RecordingBolt(String name) {
        this.name = name;
    }

    @Override
    public void execute(Tuple input, BasicOutputCollector collector) {
        Recorder.record(name, input.getValues());
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
