package io.squall.testing;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.HashMap;
import java.util.Map;

/**
 * Storm's check of {@link TestEventLogSpout}'s order: for each source, each event id must be above the last one this
 * task saw from it; one that is not emits an {@code error} line naming the source and both ids. Every input is acked.
 * Fed by a fields grouping on {@code source}, it checks that the runtime keeps one source's events in order.
 */
public class TestEventOrderCheckBolt extends BaseRichBolt {
    private static final long serialVersionUID = 1L;
    private transient OutputCollector collector;
    private transient Map<Integer, Long> lastEventId;

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.lastEventId = new HashMap<>();
    }

    @Override
    public void execute(Tuple input) {
        Integer source = input.getInteger(0);
        Long eventId = input.getLong(1);
        Long last = lastEventId.put(source, eventId);
        if (last != null && eventId <= last) {
            collector.emit(input, new Values("Error: event id is not in strict order! event source Id: " + source
                    + ", last event Id: " + last + ", current event Id: " + eventId));
        }
        collector.ack(input);
    }

    /** The fields it emits. */
    public Fields getOutputFields() {
        return new Fields("error");
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(getOutputFields());
    }
}
