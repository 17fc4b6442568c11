package io.squall.perf;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.ShellBolt;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichBolt;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sentences (8 words, tracked) → a Python {@code ShellBolt} that splits them (one task, emits anchored, acks
 * each input) → a Java bolt that acks the words; one acker, max.spout.pending 1000. Prints sentences/s acked
 * and words/s through the Python bolt for three scripts: split without waiting for task ids
 * ({@code need_task_ids=False}), split as Storm's storm.py does by default (each emit waits for its task ids),
 * and ack-only (no emits: the protocol's cost per tuple).
 *
 * <pre>usage: MultilangBenchmark [warmupSecs] [measureSecs] [python command]</pre>
 */
public final class MultilangBenchmark {
    private static final String SENTENCE = "the quick brown fox jumps over the dog";

    private MultilangBenchmark() {
    }

    /** Emits the same sentence forever, each with a message id. */
    public static class SentenceSpout extends BaseRichSpout {
        private transient SpoutOutputCollector out;
        private transient long id;

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            out = collector;
        }

        @Override
        public void nextTuple() {
            out.emit(new Values(SENTENCE), id++);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** The Python bolt under test. */
    public static class PythonBolt extends ShellBolt implements IRichBolt {
        public PythonBolt(String python, String script) {
            super(python, script);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return null;
        }
    }

    /** Acks the words. */
    public static class AckWords extends BaseRichBolt {
        private transient OutputCollector out;

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            out = collector;
        }

        @Override
        public void execute(Tuple input) {
            out.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    public static void main(String[] args) throws Exception {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int measure = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        String python = args.length > 2 ? args[2] : "python3";
        for (String script : new String[] {"perf_split.py", "perf_split_taskids.py", "perf_ack.py"}) {
            run(python, script, warmup, measure);
        }
    }

    static void run(String python, String script, int warmupSecs, int measureSecs) throws InterruptedException {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout());
        b.setBolt("split", new PythonBolt(python, script)).shuffleGrouping("sentences");
        b.setBolt("ack", new AckWords()).shuffleGrouping("split");
        Config conf = new Config();
        conf.setNumAckers(1);
        conf.setMaxSpoutPending(1000);
        conf.put(Config.TOPOLOGY_SERIALIZATION_CHECK, false);
        String name = script.replace(".py", "").replace('_', '-');
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(name, conf, b.createTopology());
            TimeUnit.SECONDS.sleep(warmupSecs);
            long start = System.nanoTime();
            long acked0 = cluster.getComponentStats(name).get("sentences").acked();
            long words0 = cluster.getComponentStats(name).get("ack").executed();
            TimeUnit.SECONDS.sleep(measureSecs);
            double secs = (System.nanoTime() - start) / 1e9;
            var spout = cluster.getComponentStats(name).get("sentences");
            double sentences = (spout.acked() - acked0) / secs;
            double wordRate = (cluster.getComponentStats(name).get("ack").executed() - words0) / secs;
            System.out.printf("%-22s %,10.0f sentences/s acked  %,10.0f words/s  failed %d%n", script, sentences,
                    wordRate, spout.failed());
        }
    }
}
