package io.squall.drpc;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends each {@code [result, return-info]} tuple's result to the DRPC server that holds the request. A tuple whose
 * return info cannot be read is reported and acked (it has nowhere to go); one whose server cannot be reached is
 * failed, which fails the request.
 */
public class ReturnResults extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReturnResults.class);

    private transient OutputCollector collector;
    private transient Map<String, Object> conf;
    private transient Map<List<Object>, DRPCInvocations> clients;

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.conf = conf;
        this.clients = new HashMap<>();
    }

    @Override
    public void execute(Tuple input) {
        String result = String.valueOf(input.getValue(0));
        ReturnInfo info;
        try {
            info = ReturnInfo.parse(String.valueOf(input.getValue(1)));
        } catch (IllegalArgumentException e) {
            LOG.error("Dropping a DRPC result with unreadable return info: {}", e.getMessage());
            collector.reportError(e);
            collector.ack(input);
            return;
        }
        try {
            clients.computeIfAbsent(List.of(info.host(), info.port()),
                    k -> ReturnInfo.connect(info.host(), info.port(), conf)).result(info.id(), result);
            collector.ack(input);
        } catch (RuntimeException e) {
            LOG.warn("Cannot return the result of DRPC request {} to {}:{}: {}", info.id(), info.host(), info.port(),
                    e.getMessage());
            clients.remove(List.of(info.host(), info.port()));
            collector.reportError(e);
            collector.fail(input);
        }
    }

    @Override
    public void cleanup() {
        if (clients != null) {
            clients.values().forEach(DRPCInvocations::close);
        }
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
