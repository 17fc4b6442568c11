package io.squall.clustertest;

import io.squall.Config;
import io.squall.ICredentialsListener;
import io.squall.SquallSubmitter;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseRichSpout;
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
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The topology of the cluster tests, shipped to the cluster in a JAR the test builds: a reliable spout of
 * numbered sentences → split → count (fields grouping), where the spout records every acked message id and
 * the counter every word it counted, in files of a shared directory, so a test can check exact results.
 */
public final class RecordingWordCount {
    /** The sentences; sentence {@code i} is {@code SENTENCES[i % 5]}. */
    public static final String[] SENTENCES = {"the cow jumped over the moon", "an apple a day keeps the doctor away",
        "four score and seven years ago", "snow white and the seven dwarfs", "i am at two with nature"};

    private RecordingWordCount() {
    }

    /** Opens (appending) a file named for the task and process in {@code dir}. */
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
     * Emits sentences 0..total-1 with their number as message id, at most one per {@code gapMicros}; replays
     * fails. It records each id before its first emit. A spout restarted in a new worker resumes as one over a
     * durable source would: it reads the records at open, skips the ids already acked and replays the ones
     * emitted but not acked. Once a file {@code stop} holding a number N is in the directory, it emits no new
     * id from N on (replays go on), so that a test can wait for every emitted id to be acked.
     */
    public static class SentenceSpout extends BaseRichSpout {
        private final String dir;
        private final int total;
        private final long gapMicros;
        private transient SpoutOutputCollector collector;
        private transient BufferedWriter acked;
        private transient ArrayDeque<Integer> replay;
        /** Ids a previous run of this spout acked or emitted: not new ids for this one. */
        private transient Set<Integer> seenBefore;
        private transient BufferedWriter emitted;
        private transient int limit;
        private transient long nextStopCheckNanos;
        private transient int next;
        private transient long nextEmitNanos;

        public SentenceSpout(String dir, int total, long gapMicros) {
            this.dir = dir;
            this.total = total;
            this.gapMicros = gapMicros;
        }

        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
            this.collector = collector;
            this.acked = openRecord(dir, "acked", context.getThisTaskId());
            this.emitted = openRecord(dir, "emitted", context.getThisTaskId());
            Set<Integer> ackedBefore = readRecords(dir, "acked-");
            Set<Integer> unacked = readRecords(dir, "emitted-");
            unacked.removeAll(ackedBefore);
            this.replay = new ArrayDeque<>(new TreeSet<>(unacked));
            this.seenBefore = new HashSet<>(ackedBefore);
            seenBefore.addAll(unacked);
            this.limit = total;
        }

        private static Set<Integer> readRecords(String dir, String prefix) {
            Set<Integer> ids = new HashSet<>();
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            ids.add(Integer.parseInt(line.trim()));
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("Cannot read the " + prefix + " records in " + dir, e);
            }
            return ids;
        }

        private void checkStop(long now) {
            if (now - nextStopCheckNanos < 0) {
                return;
            }
            nextStopCheckNanos = now + 500_000_000L;
            Path stop = Path.of(dir, "stop");
            if (Files.exists(stop)) {
                try {
                    limit = Math.min(total, Integer.parseInt(Files.readString(stop).trim()));
                } catch (IOException | NumberFormatException e) {
                    // Half written: read it next time.
                }
            }
        }

        @Override
        public void nextTuple() {
            long now = System.nanoTime();
            if (now - nextEmitNanos < 0) {
                return;
            }
            checkStop(now);
            Integer id = replay.poll();
            while (id == null && next < limit) {
                if (!seenBefore.contains(next)) {
                    id = next;
                    writeLine(emitted, String.valueOf(id));
                }
                next++;
            }
            if (id != null) {
                nextEmitNanos = now + gapMicros * 1000;
                collector.emit(new Values(SENTENCES[id % SENTENCES.length]), id);
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

    /** Splits a sentence into words; with {@code failFirst}, each task throws on its first sentence. */
    public static class Split extends BaseBasicBolt {
        /** Logs each sentence at DEBUG: off unless a test sets this logger's level. */
        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Split.class);
        private final boolean failFirst;
        private transient boolean failed;

        public Split(boolean failFirst) {
            this.failFirst = failFirst;
        }

        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
            if (failFirst && !failed) {
                failed = true;
                throw new IllegalStateException("the first sentence fails on purpose");
            }
            LOG.debug("splitting '{}'", input.getString(0));
            for (String w : input.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
        }
    }

    /** Records each word it counts, then acks it; and each set of credentials it is told, in a file of its own. */
    public static class RecordingCounter extends BaseRichBolt implements ICredentialsListener {
        private final String dir;
        private transient OutputCollector collector;
        private transient BufferedWriter words;
        private transient BufferedWriter creds;

        public RecordingCounter(String dir) {
            this.dir = dir;
        }

        @Override
        public void setCredentials(Map<String, String> credentials) {
            if (creds == null) { // Told before prepare, as Storm tells it: no task id yet.
                creds = openRecord(dir, "creds", System.identityHashCode(this));
            }
            writeLine(creds, String.valueOf(new java.util.TreeMap<>(credentials)));
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.words = openRecord(dir, "words", context.getThisTaskId());
            // A resource a test shipped with `jar --jars`: recorded so that it can tell the workers loaded it.
            try (java.io.InputStream marker = getClass().getClassLoader().getResourceAsStream("extra/marker.txt")) {
                if (marker != null) {
                    BufferedWriter w = openRecord(dir, "marker", context.getThisTaskId());
                    writeLine(w, new String(marker.readAllBytes(), StandardCharsets.UTF_8));
                    w.close();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void execute(Tuple input) {
            writeLine(words, input.getString(0));
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    /** The topology, recording into {@code dir}; with {@code failFirst} each split task fails once. */
    public static StormTopology topology(String dir, int total, long gapMicros, boolean failFirst) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new SentenceSpout(dir, total, gapMicros), 1);
        b.setBolt("split", new Split(failFirst), 2).shuffleGrouping("sentences");
        b.setBolt("count", new RecordingCounter(dir), 4).fieldsGrouping("split", new Fields("word"));
        return b.createTopology();
    }

    /**
     * Its configuration: {@code workers} workers, acking, max pending 200, {@code timeoutSecs} message timeout, and
     * round-robin shuffle, so that the one spout's sentences reach the split tasks of every worker (a load-aware
     * shuffle would keep them in the spout's worker) and the tests exercise the wire.
     */
    public static Config conf(int workers, int timeoutSecs) {
        Config c = new Config();
        c.setNumWorkers(workers);
        c.put(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING, true);
        c.setMaxSpoutPending(200);
        c.setMessageTimeoutSecs(timeoutSecs);
        return c;
    }

    /** {@code NAME DIR TOTAL WORKERS GAP_MICROS TIMEOUT_SECS}: submits the topology, as {@code bin/squall jar} runs it. */
    public static void main(String[] args) {
        SquallSubmitter.submitTopology(args[0], conf(Integer.parseInt(args[3]), Integer.parseInt(args[5])),
                topology(args[1], Integer.parseInt(args[2]), Long.parseLong(args[4]), false));
    }
}
