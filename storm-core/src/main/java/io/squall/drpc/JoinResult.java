package io.squall.drpc;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pairs each request's result (from the last bolt: {@code [id, result]}) with its return info (from
 * {@link PrepareRequest}) and emits {@code [result, return-info]} for {@link ReturnResults}. Both arrive
 * partitioned by the request id; whichever comes first waits for the other, the waiting tuple acked with the
 * pair (or failed by its timeout if the other never comes).
 */
final class JoinResult extends BaseRichBolt {
    private static final long serialVersionUID = 1L;

    private final String returnComponent;
    private transient OutputCollector collector;
    private transient Map<Object, Tuple> returns;
    private transient Map<Object, Tuple> results;

    JoinResult(String returnComponent) {
        this.returnComponent = returnComponent;
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
        this.returns = new HashMap<>();
        this.results = new HashMap<>();
    }

    @Override
    public void execute(Tuple tuple) {
        Object id = tuple.getValue(0);
        boolean isReturn = tuple.getSourceComponent().equals(returnComponent);
        Tuple other = isReturn ? results.remove(id) : returns.remove(id);
        if (other == null) {
            (isReturn ? returns : results).put(id, tuple);
            return;
        }
        Tuple ret = isReturn ? tuple : other;
        Tuple result = isReturn ? other : tuple;
        collector.emit(List.of(ret, result), new Values(result.getValue(1), ret.getValue(1)));
        collector.ack(tuple);
        collector.ack(other);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("result", "return-info"));
    }
}
