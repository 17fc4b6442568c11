package io.squall.testing;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import io.squall.utils.Utils;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Emits a random word from a small list on the field "word", one every 100 ms, as Storm's does. */
public class TestWordSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private static final String[] WORDS = {"nathan", "mike", "jackson", "golda", "bertels"};

    private final boolean isDistributed;
    private transient SpoutOutputCollector collector;

    /** A spout that may run with many tasks. */
    public TestWordSpout() {
        this(true);
    }

    /** A spout that, unless {@code isDistributed}, runs with one task. */
    public TestWordSpout(boolean isDistributed) {
        this.isDistributed = isDistributed;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void nextTuple() {
        Utils.sleep(100);
        collector.emit(new Values(WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)]));
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("word"));
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return isDistributed ? null : Map.of("topology.max.task.parallelism", 1);
    }
}
