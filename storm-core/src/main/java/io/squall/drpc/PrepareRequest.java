package io.squall.drpc;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The start of a linear DRPC topology: gives each request from the {@link DRPCSpout} a random id, emits
 * {@code [id, args]} to the first bolt (then tells each of its tasks how many it got, on
 * {@link CoordinatedBolt#COORD_STREAM}) and {@code [id, return-info]} on {@value #RETURN_STREAM}.
 */
final class PrepareRequest extends BaseRichBolt {
    private static final long serialVersionUID = 1L;

    static final String RETURN_STREAM = "ret";

    private final String firstBolt;
    private transient OutputCollector collector;
    private transient List<Integer> firstTasks;

    PrepareRequest(String firstBolt) {
        this.firstBolt = firstBolt;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.firstTasks = context.getComponentTasks(firstBolt);
    }

    @Override
    public void execute(Tuple input) {
        long id = ThreadLocalRandom.current().nextLong();
        List<Integer> sentTo = collector.emit(input, new Values(id, input.getValue(0)));
        for (int t : firstTasks) {
            collector.emitDirect(t, CoordinatedBolt.COORD_STREAM, input, new Values(id, sentTo.contains(t) ? 1 : 0));
        }
        collector.emit(RETURN_STREAM, input, new Values(id, input.getValue(1)));
        collector.emit(CoordinatedBolt.ID_STREAM, input, new Values(id));
        collector.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("request", "args"));
        declarer.declareStream(CoordinatedBolt.COORD_STREAM, true, new Fields("id", "count"));
        declarer.declareStream(RETURN_STREAM, new Fields("request", "return-info"));
        declarer.declareStream(CoordinatedBolt.ID_STREAM, new Fields("request"));
    }
}
