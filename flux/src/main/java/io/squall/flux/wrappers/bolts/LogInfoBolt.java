package io.squall.flux.wrappers.bolts;

import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs each tuple it receives at INFO and emits nothing: the end of Flux's example topologies. */
public class LogInfoBolt extends BaseBasicBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LogInfoBolt.class);

    @Override
    public void execute(Tuple tuple, BasicOutputCollector collector) {
        LOG.info("{}", tuple);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
