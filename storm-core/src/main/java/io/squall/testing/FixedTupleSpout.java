package io.squall.testing;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Emits a fixed list of tuples once, each with a message id (its index), and replays the ones that fail.
 * Each task emits the whole list. Counts acks and fails in {@link AckTracker}s shared by name.
 */
public class FixedTupleSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;

    private final List<List<Object>> tuples;
    private final Fields fields;
    private final String trackerName;
    private transient SpoutOutputCollector collector;
    private transient int next;
    private transient List<Integer> replays;

    /**
     * @param trackerName the {@link AckTracker} that counts this spout's acks and fails
     */
    public FixedTupleSpout(List<List<Object>> tuples, Fields fields, String trackerName) {
        this.tuples = new ArrayList<>(tuples);
        this.fields = fields;
        this.trackerName = trackerName;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
        this.replays = new ArrayList<>();
    }

    @Override
    public void nextTuple() {
        if (!replays.isEmpty()) {
            int i = replays.remove(replays.size() - 1);
            collector.emit(tuples.get(i), i);
        } else if (next < tuples.size()) {
            collector.emit(tuples.get(next), next);
            next++;
        }
    }

    @Override
    public void ack(Object msgId) {
        AckTracker.named(trackerName).acked(msgId);
    }

    @Override
    public void fail(Object msgId) {
        AckTracker.named(trackerName).failed(msgId);
        replays.add((Integer) msgId);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(fields);
    }
}
