package io.squall.kafka.spout;

import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bolt that records every (partition, offset) it acks under a name the test chooses (components are copied when
 * a topology is submitted, so the record lives in static maps), and fails chosen records once.
 */
class Recorder extends BaseRichBolt {
    private static final long serialVersionUID = 1L;

    /** What one test saw: distinct records acked, acks in all, and the records failed once. */
    static final class Seen {
        final Set<String> distinct = ConcurrentHashMap.newKeySet();
        final AtomicLong acks = new AtomicLong();
        final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> times = new ConcurrentHashMap<>();
    }

    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private final String name;
    private final int failEvery;
    private transient OutputCollector out;

    /** Records under {@code name}; fails (once) every record whose value is a multiple of {@code failEvery} (0: none). */
    Recorder(String name, int failEvery) {
        this.name = name;
        this.failEvery = failEvery;
    }

    static Seen seen(String name) {
        return SEEN.computeIfAbsent(name, n -> new Seen());
    }

    @Override
    public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
        out = collector;
    }

    @Override
    public void execute(Tuple input) {
        String id = input.getIntegerByField("partition") + ":" + input.getLongByField("offset");
        Seen s = seen(name);
        if (failEvery > 0 && Integer.parseInt(input.getStringByField("value")) % failEvery == 0
                && s.failedOnce.add(id)) {
            out.fail(input);
            return;
        }
        s.times.merge(id, 1, Integer::sum);
        s.distinct.add(id);
        s.acks.incrementAndGet();
        out.ack(input);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
    }
}
