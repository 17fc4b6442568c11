package io.squall.testing;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Tuple;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every tuple it receives, by source component, as a {@link FixedTuple} (stream and values), and
 * acks it. The tasks' copies record into the original's list (a registry keyed by a random id), so the
 * test reads them from the object it built the topology with. Thread-safe.
 */
public class TupleCaptureBolt implements IRichBolt {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Map<String, List<FixedTuple>>> EMITTED = new ConcurrentHashMap<>();

    private final String name = UUID.randomUUID().toString();
    private transient OutputCollector collector;

    /** A capturer with nothing captured. */
    public TupleCaptureBolt() {
        EMITTED.put(name, new HashMap<>());
    }

    @Override
    public void prepare(Map<String, Object> topoConf, TopologyContext context, OutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void execute(Tuple input) {
        Map<String, List<FixedTuple>> captured = EMITTED.computeIfAbsent(name, k -> new HashMap<>());
        synchronized (captured) {
            captured.computeIfAbsent(input.getSourceComponent(), k -> new ArrayList<>())
                    .add(new FixedTuple(input.getSourceStreamId(), new ArrayList<>(input.getValues())));
        }
        collector.ack(input);
    }

    /** A copy of what was captured, by source component. */
    public Map<String, List<FixedTuple>> getResults() {
        Map<String, List<FixedTuple>> captured = EMITTED.computeIfAbsent(name, k -> new HashMap<>());
        synchronized (captured) {
            Map<String, List<FixedTuple>> copy = new HashMap<>();
            captured.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
            return copy;
        }
    }

    /** What was captured; forgets this capturer. */
    public Map<String, List<FixedTuple>> getAndRemoveResults() {
        Map<String, List<FixedTuple>> out = getResults();
        EMITTED.remove(name);
        return out;
    }

    /** What was captured; starts afresh. */
    public Map<String, List<FixedTuple>> getAndClearResults() {
        Map<String, List<FixedTuple>> captured = EMITTED.computeIfAbsent(name, k -> new HashMap<>());
        synchronized (captured) {
            Map<String, List<FixedTuple>> out = getResults();
            captured.clear();
            return out;
        }
    }

    @Override
    public void cleanup() {
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }
}
