package io.squall.runtime.state.clustertest;

import io.squall.Config;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.state.KeyValueState;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichSpout;
import io.squall.topology.base.BaseStatefulBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The stateful word count of the cluster tests, shipped in a JAR the test builds: a reliable spout of numbered
 * sentences → split → a counter keeping its counts in a {@code KeyValueState}. The spout stands for a durable
 * source: it records every acked sentence in a file of a shared directory and, when a new worker opens it,
 * emits every sentence not acked yet. It emits the sentences below the number in the file {@code limit} of that
 * directory, when there is one above the total it was submitted with, so a test can feed a running topology more
 * sentences (such as across a rescale). While a file {@code hold} is in that directory the counter refuses to
 * prepare checkpoints (recording each refusal), so a test can kill a worker at a moment when no checkpoint is
 * between its commit and the arrival of its acks at the spout.
 */
public final class StatefulClusterWordCount {
    private static final String[] VOCABULARY = {"apple", "banana", "cherry", "date", "elder", "fig", "grape", "hazel",
        "iris", "jade", "kiwi", "lime", "mango", "nut", "olive", "pear"};

    private StatefulClusterWordCount() {
    }

    /** Sentence {@code i}: two to seven words of a small vocabulary, the same in every JVM. */
    public static String sentence(int i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        StringBuilder b = new StringBuilder();
        int words = 2 + r.nextInt(6);
        for (int w = 0; w < words; w++) {
            b.append(w == 0 ? "" : " ").append(VOCABULARY[r.nextInt(VOCABULARY.length)]);
        }
        return b.toString();
    }

    /** The true word counts of sentences {@code 0..total-1}. */
    public static Map<String, Long> expectedCounts(int total) {
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            for (String w : sentence(i).split(" ")) {
                counts.merge(w, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** The distinct whole lines of the files of {@code dir} whose names start with {@code prefix}. */
    public static Set<String> records(Path dir, String prefix) {
        Set<String> lines = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                String text = Files.readString(f, StandardCharsets.UTF_8);
                // A line cut by a kill is not a record.
                for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + prefix + " records in " + dir, e);
        }
        return lines;
    }

    static BufferedWriter openRecord(String dir, String prefix, int task) {
        try {
            return Files.newBufferedWriter(Path.of(dir, prefix + "-" + task + "-" + ProcessHandle.current().pid()
                    + ".txt"), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeLine(BufferedWriter w, String line) {
        try {
            w.write(line);
            w.newLine();
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Emits sentences {@code 0..total-1}, or up to the number in the file {@code limit} when it is higher, with
     * their number as message id, replaying fails; records acks.
     */
    public static class SentenceSpout extends BaseRichSpout {
        /** How often an idle spout looks at the file {@code limit}. */
        private static final long LIMIT_CHECK_NANOS = 200_000_000L;

        private final String dir;
        private final int total;
        private transient SpoutOutputCollector collector;
        private transient BufferedWriter acked;
        private transient Set<Integer> ackedBefore;
        private transient ArrayDeque<Integer> replay;
        private transient int next;
        private transient int limit;
        private transient long limitCheckedAt;

        public SentenceSpout(String dir, int total) {
            this.dir = dir;
            this.total = total;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.ackedBefore = new HashSet<>();
            for (String line : records(Path.of(dir), "acked-")) {
                ackedBefore.add(Integer.parseInt(line.trim()));
            }
            this.acked = openRecord(dir, "acked", context.getThisTaskId());
            this.replay = new ArrayDeque<>();
            this.limit = total;
            this.limitCheckedAt = System.nanoTime() - LIMIT_CHECK_NANOS;
            readLimit();
        }

        /** Raises the limit to the number in the file {@code limit}, at most every 200 ms. */
        private void readLimit() {
            long now = System.nanoTime();
            if (now - limitCheckedAt < LIMIT_CHECK_NANOS) {
                return;
            }
            limitCheckedAt = now;
            Path file = Path.of(dir, "limit");
            try {
                if (Files.exists(file)) {
                    limit = Math.max(limit, Integer.parseInt(Files.readString(file).trim()));
                }
            } catch (IOException | NumberFormatException e) {
                // The test writes the file whole with an atomic move; a failed read is tried again later.
            }
        }

        @Override
        public void nextTuple() {
            Integer id = replay.poll();
            if (id == null && next >= limit) {
                readLimit();
            }
            while (id == null && next < limit) {
                if (!ackedBefore.contains(next)) {
                    id = next;
                }
                next++;
            }
            if (id != null) {
                collector.emit(new Values(sentence(id)), id);
            }
        }

        @Override
        public void ack(Object msgId) {
            writeLine(acked, String.valueOf(msgId));
        }

        @Override
        public void fail(Object msgId) {
            replay.add((Integer) msgId);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("sentence"));
        }
    }

    /** Splits a sentence into words. */
    public static class Split extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            for (String w : input.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Counts words in its key-value state; refuses to prepare while the file {@code hold} exists. */
    public static class Counter extends BaseStatefulBolt<KeyValueState<String, Long>> {
        private final String dir;
        private transient KeyValueState<String, Long> counts;
        private transient OutputCollector collector;
        private transient BufferedWriter refusals;

        public Counter(String dir) {
            this.dir = dir;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.refusals = openRecord(dir, "refused", context.getThisTaskId());
        }

        @Override
        public void initState(KeyValueState<String, Long> state) {
            counts = state;
        }

        @Override
        public void execute(Tuple input) {
            String word = input.getString(0);
            counts.put(word, counts.get(word, 0L) + 1);
            collector.ack(input);
        }

        @Override
        public void prePrepare(long txid) {
            if (Files.exists(Path.of(dir, "hold"))) {
                writeLine(refusals, txid + " " + System.nanoTime());
                throw new IllegalStateException("checkpoints held by the test: refusing to prepare " + txid);
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The topology: one spout, split ×2, count ×2 executors over 2 tasks (a rebalance may change its tasks). */
    public static StormTopology topology(String dir, int total) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(dir, total), 1);
        b.setBolt("split", new Split(), 2).shuffleGrouping("sentences");
        b.setBolt("count", new Counter(dir), 2).setNumTasks(2).fieldsGrouping("split", new Fields("word"));
        return b.createTopology();
    }

    /** {@link StatefulClusterConf#conf} with two ackers and a pending limit that covers a checkpoint interval. */
    public static Config conf(String provider, String providerConfig) {
        return StatefulClusterConf.conf(provider, providerConfig, 2, 3000);
    }

    /** {@code NAME DIR TOTAL PROVIDER PROVIDER_CONFIG_JSON}: submits the topology, as {@code bin/squall jar} runs it. */
    public static void main(String[] args) {
        SquallSubmitter.submitTopology(args[0], conf(args[3], args[4]), topology(args[1], Integer.parseInt(args[2])));
    }
}
