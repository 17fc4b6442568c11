package io.squall.runtime.state;

import io.squall.spout.SpoutOutputCollector;
import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Components of a stateful word count whose outcome a test can check exactly: a spout that replays every
 * failed sentence, a splitter and a counter that can be told to fail on the first attempt of some sentences.
 * Tasks are copies made from serialized bytes, so what a test reads lives in static maps keyed by a run name.
 */
public final class StatefulFixtures {
    /** Sentences that each run's components share with the test, by run name. */
    public static final Map<String, Run> RUNS = new ConcurrentHashMap<>();

    private StatefulFixtures() {
    }

    /** What one run's components share with the test. */
    public static final class Run {
        public final String[] sentences;
        public final Set<Integer> acked = ConcurrentHashMap.newKeySet();
        public final AtomicInteger failures = new AtomicInteger();
        /** Sentences whose first attempt the splitter fails after emitting half of its words. */
        public final Set<Integer> splitFailsOnce = ConcurrentHashMap.newKeySet();
        /**
         * Sentences whose first attempt the splitter keeps unsplit until their replay reaches it, then splits after
         * the replay: a first attempt delayed behind its replay.
         */
        public final Set<Integer> splitDelaysFirst = ConcurrentHashMap.newKeySet();
        /** Sentences whose first attempt the counter fails after counting one word. */
        public final Set<Integer> countFailsOnce = ConcurrentHashMap.newKeySet();
        /** Prepares the counter refuses before it takes one. */
        public final AtomicInteger refusePrepares = new AtomicInteger();
        /** While set, the spout ignores its acks, as if they were lost on their way (a worker died). */
        public volatile boolean dropAcks;
        /** The sentences the counter ran for a word of (not for those acked as committed already). */
        public final Set<Integer> counted = ConcurrentHashMap.newKeySet();
        /** How many words of each sentence the counter ran, over all attempts. */
        public final Map<Integer, Integer> runs = new ConcurrentHashMap<>();
        /** The spout emits the sentences below this index. */
        public final AtomicInteger released;

        public Run(String[] sentences) {
            this.sentences = sentences;
            this.released = new AtomicInteger(sentences.length);
        }

        public boolean done() {
            return acked.size() == released.get();
        }

        /** The true word counts of the sentences released so far. */
        /** How many words the sentences released so far have. */
        public int words() {
            int n = 0;
            for (int i = 0; i < released.get(); i++) {
                n += sentences[i].split(" ").length;
            }
            return n;
        }

        /** How many words the counter ran, over all sentences and attempts. */
        public int wordsRun() {
            return runs.values().stream().mapToInt(Integer::intValue).sum();
        }

        public Map<String, Long> expectedCounts() {
            Map<String, Long> counts = new TreeMap<>();
            for (int i = 0; i < released.get(); i++) {
                for (String w : sentences[i].split(" ")) {
                    counts.merge(w, 1L, Long::sum);
                }
            }
            return counts;
        }
    }

    /**
     * The stateful word count of {@code run}: its sentences, {@code splitters} splitters, {@code counters} counters
     * keyed by word.
     */
    public static StormTopology wordCount(String run, int splitters, int counters) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(run));
        b.setBolt("split", new SplitBolt(run), splitters).shuffleGrouping("sentences");
        b.setBolt("count", new WordCounter(run), counters).fieldsGrouping("split", new Fields("word"));
        return b.createTopology();
    }

    /** Sentences made of words from a small vocabulary, the same for a seed. */
    public static String[] sentences(int n, long seed) {
        String[] vocabulary = {"apple", "banana", "cherry", "date", "elder", "fig", "grape", "hazel", "iris", "jade",
            "kiwi", "lime", "mango", "nut", "olive", "pear"};
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            int words = 2 + r.nextInt(6);
            for (int w = 0; w < words; w++) {
                b.append(w == 0 ? "" : " ").append(vocabulary[r.nextInt(vocabulary.length)]);
            }
            out[i] = b.toString();
        }
        return out;
    }

    /** Emits each sentence of its run once, replaying those that fail, with the sentence index as message id. */
    public static final class SentenceSpout extends BaseRichSpout {
        private final String run;
        private transient SpoutOutputCollector collector;
        private transient ArrayDeque<Integer> toSend;
        private transient int next;

        public SentenceSpout(String run) {
            this.run = run;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            Run r = RUNS.get(run);
            toSend = new ArrayDeque<>();
            for (next = 0; next < r.released.get(); next++) {
                if (!r.acked.contains(next)) {
                    toSend.add(next);
                }
            }
        }

        @Override
        public void nextTuple() {
            if (next < RUNS.get(run).released.get()) {
                toSend.add(next++);
            }
            Integer i = toSend.poll();
            if (i != null) {
                collector.emit(new Values(RUNS.get(run).sentences[i], i), i);
            }
        }

        @Override
        public void ack(Object msgId) {
            if (RUNS.get(run).dropAcks) {
                return;
            }
            RUNS.get(run).acked.add((Integer) msgId);
        }

        @Override
        public void fail(Object msgId) {
            RUNS.get(run).failures.incrementAndGet();
            toSend.add((Integer) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence", "id"));
        }
    }

    /** Splits a sentence into (word, sentence id) tuples, anchored. */
    public static final class SplitBolt extends BaseRichBolt {
        private final String run;
        private transient OutputCollector collector;
        /** First attempts kept until their replay comes, by sentence. */
        private transient Map<Integer, Tuple> kept;

        public SplitBolt(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.kept = new java.util.HashMap<>();
        }

        @Override
        public void execute(Tuple input) {
            int id = input.getInteger(1);
            if (RUNS.get(run).splitDelaysFirst.remove(id)) {
                kept.put(id, input);
                return;
            }
            String[] words = input.getString(0).split(" ");
            boolean failNow = RUNS.get(run).splitFailsOnce.remove(id);
            for (int w = 0; w < words.length; w++) {
                if (failNow && w == words.length / 2) {
                    throw new IllegalStateException("injected failure in the middle of sentence " + id);
                }
                collector.emit(input, new Values(words[w], id));
            }
            collector.ack(input);
            Tuple first = kept.remove(id);
            if (first != null) {
                for (String w : words) {
                    collector.emit(first, new Values(w, id));
                }
                collector.ack(first);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word", "id"));
        }
    }

    /** Counts words in its key-value state. */
    public static final class WordCounter extends BaseStatefulBolt<KeyValueState<String, Long>> {
        private final String run;
        private transient KeyValueState<String, Long> counts;
        private transient OutputCollector collector;

        public WordCounter(String run) {
            this.run = run;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void initState(KeyValueState<String, Long> state) {
            counts = state;
        }

        @Override
        public void execute(Tuple input) {
            String word = input.getString(0);
            counts.put(word, counts.get(word, 0L) + 1);
            RUNS.get(run).counted.add(input.getInteger(1));
            RUNS.get(run).runs.merge(input.getInteger(1), 1, Integer::sum);
            if (RUNS.get(run).countFailsOnce.remove(input.getInteger(1))) {
                throw new IllegalStateException("injected failure after counting '" + word + "'");
            }
            collector.ack(input);
        }

        @Override
        public void prePrepare(long txid) {
            if (RUNS.get(run).refusePrepares.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("injected failure preparing " + txid);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }
}
