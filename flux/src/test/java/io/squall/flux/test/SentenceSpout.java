package io.squall.flux.test;

import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.List;
import java.util.Map;

/** Emits each of its sentences once, with a message id, then nothing; replays what fails. */
public class SentenceSpout extends BaseRichSpout {
    private static final long serialVersionUID = 1L;
    private final List<String> sentences;
    private transient SpoutOutputCollector collector;
    private transient int next;

    public SentenceSpout(String... sentences) {
        this.sentences = List.of(sentences);
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        this.collector = collector;
    }

    @Override
    public void nextTuple() {
        if (next < sentences.size()) {
            collector.emit(new Values(sentences.get(next)), next);
            next++;
        }
    }

    @Override
    public void fail(Object msgId) {
        int i = (Integer) msgId;
        collector.emit(new Values(sentences.get(i)), i);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(new Fields("sentence"));
    }
}
