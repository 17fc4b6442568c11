package io.squall.runtime;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WordCountIT {
    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    static final Map<String, Set<Integer>> TASKS_BY_WORD = new ConcurrentHashMap<>();

    static class Split extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String w : input.getStringByField("sentence").split(" ")) {
                collector.emit(new Values(w));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    static class Count extends BaseBasicBolt {
        private transient int taskId;

        @Override
        public void prepare(Map<String, Object> topoConf, TopologyContext context) {
            taskId = context.getThisTaskId();
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            String w = input.getStringByField("word");
            COUNTS.computeIfAbsent(w, k -> new AtomicLong()).incrementAndGet();
            TASKS_BY_WORD.computeIfAbsent(w, k -> ConcurrentHashMap.newKeySet()).add(taskId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(60)
    void countsEveryWordExactlyAndKeepsEachWordOnOneTask() {
        String[] sentences = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
            "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};
        List<List<Object>> input = new ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < 2_000; i++) {
            String s = sentences[i % sentences.length];
            input.add(new Values(s));
            for (String w : s.split(" ")) {
                expected.merge(w, 1L, Long::sum);
            }
        }
        AckTracker tracker = AckTracker.named("wordcount");
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("sentences", new FixedTupleSpout(input, new Fields("sentence"), "wordcount"));
        builder.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        builder.setBolt("count", new Count(), 3).setNumTasks(6).fieldsGrouping("split", new Fields("word"));
        Config conf = new Config();
        conf.setMaxSpoutPending(200);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("wordcount", conf, builder.createTopology());
            Await.until(Duration.ofSeconds(30), () -> tracker.distinctAcked() == input.size(),
                    () -> tracker.distinctAcked() + " of " + input.size() + " sentences acked");
        } finally {
            AckTracker.remove("wordcount");
        }
        Map<String, Long> actual = new HashMap<>();
        COUNTS.forEach((k, v) -> actual.put(k, v.get()));
        assertEquals(expected, actual);
        TASKS_BY_WORD.forEach((w, tasks) -> assertEquals(1, tasks.size(), "word '" + w + "' reached tasks " + tasks));
    }
}
