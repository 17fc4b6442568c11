package io.squall.hdfs.spout;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.hdfs.testing.MiniHdfs;
import io.squall.hdfs.testing.SharedHdfs;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Tuple;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.IntWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HdfsSpout reading directories of a real HDFS (MiniDFSCluster) in local-mode topologies: every record is emitted
 * at least once, failed tuples again, a crashed reader's file is taken over at its committed offset, read files are
 * archived and unreadable ones moved to the bad files.
 */
@Timeout(120)
class HdfsSpoutIT {
    /** What the collecting bolts saw, by test: each value and how many times. */
    static final Map<String, Map<String, AtomicInteger>> SEEN = new ConcurrentHashMap<>();
    private final MiniHdfs hdfs = SharedHdfs.get();

    private static Config conf() {
        Config conf = new Config();
        conf.setMessageTimeoutSecs(20);
        conf.put("hdfs.config", MiniHdfs.clientConfig());
        return conf;
    }

    private static String lines(String file, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(file).append(" line ").append(i).append('\n');
        }
        return sb.toString();
    }

    private static Set<String> expected(String file, int from, int to) {
        Set<String> out = new HashSet<>();
        for (int i = from; i < to; i++) {
            out.add(file + " line " + i);
        }
        return out;
    }

    @Test
    void everyLineIsEmittedACrashedReadersFileIsTakenOverAndTheFilesArchived() throws IOException {
        String dir = "/takeover";
        Set<String> expected = new HashSet<>();
        for (int f = 1; f < 4; f++) {
            hdfs.write(dir + "/in/f" + f, lines("f" + f, 0, 300));
            expected.addAll(expected("f" + f, 0, 300));
        }
        // A reader that read f0 up to line 100, committed that, and crashed: its file in progress, its lock open.
        hdfs.write(dir + "/in/f0.inprogress", lines("f0", 0, 300));
        expected.addAll(expected("f0", 100, 300));
        long charsOf100 = lines("f0", 0, 100).length();
        FileSystem crashed = FileSystem.newInstance(URI.create(hdfs.url()), hdfs.fs().getConf());
        FSDataOutputStream lock = crashed.create(new Path(dir + "/in/.lock/f0"), false);
        lock.write(((System.currentTimeMillis() - 60_000) + ",crashed,{char=" + charsOf100 + ":line=100:}")
                .getBytes(StandardCharsets.UTF_8));
        lock.hflush();

        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("files", new HdfsSpout().withOutputFields(TextFileReader.defaultFields).setReaderType("text")
                .setHdfsUri(hdfs.url()).setSourceDir(dir + "/in").setArchiveDir(dir + "/done")
                .setBadFilesDir(dir + "/bad").setLockTimeoutSec(2).setCommitFrequencySec(1)
                .setCommitFrequencyCount(50).setMaxOutstanding(100), 2);
        b.setBolt("collect", new Collect("takeover", 10), 2).shuffleGrouping("files");
        Map<String, AtomicInteger> seen = SEEN.computeIfAbsent("takeover", k -> new ConcurrentHashMap<>());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-spout", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> hdfs.files(dir + "/done").size() == 4,
                    () -> hdfs.files(dir + "/done") + " archived, " + seen.size() + " lines seen");
            cluster.killTopology("hdfs-spout");
        } finally {
            crashed.close();
        }
        assertTrue(seen.keySet().containsAll(expected), () -> {
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(seen.keySet());
            return missing.size() + " lines never emitted, such as " + missing.stream().limit(5).toList();
        });
        assertTrue(seen.get("f2 line 9").get() >= 2, "a failed tuple is emitted again");
        assertEquals(List.of(), hdfs.files(dir + "/in"), "nothing left to read");
        assertEquals(List.of(), hdfs.files(dir + "/in/.lock"), "every lock released");
        assertEquals(List.of(), hdfs.files(dir + "/bad"));
        Set<String> archived = new HashSet<>();
        hdfs.files(dir + "/done").forEach(p -> archived.add(p.getName()));
        assertEquals(Set.of("f0", "f1", "f2", "f3"), archived);
    }

    @Test
    void aFileTheReaderCannotReadGoesToTheBadFilesAndTheRestIsRead() throws IOException {
        String dir = "/badfiles";
        hdfs.write(dir + "/in/notes.txt", "not a sequence file\n");
        try (FSDataOutputStream out = hdfs.fs().create(new Path(dir + "/in/good.seq"));
             SequenceFile.Writer w = SequenceFile.createWriter(hdfs.fs().getConf(), SequenceFile.Writer.stream(out),
                SequenceFile.Writer.keyClass(IntWritable.class), SequenceFile.Writer.valueClass(Text.class),
                SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE))) {
            for (int i = 0; i < 200; i++) {
                w.append(new IntWritable(i), new Text("record " + i));
            }
        }
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("files", new HdfsSpout().withOutputFields(SequenceFileReader.defaultFields).setReaderType("seq")
                .setHdfsUri(hdfs.url()).setSourceDir(dir + "/in").setArchiveDir(dir + "/done")
                .setBadFilesDir(dir + "/bad"));
        b.setBolt("collect", new Collect("bad", 0)).shuffleGrouping("files");
        Map<String, AtomicInteger> seen = SEEN.computeIfAbsent("bad", k -> new ConcurrentHashMap<>());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-bad", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> hdfs.files(dir + "/done").size() == 1
                            && hdfs.files(dir + "/bad").size() == 1,
                    () -> "archived " + hdfs.files(dir + "/done") + ", bad " + hdfs.files(dir + "/bad"));
            assertTrue(cluster.getErrors("hdfs-bad", "files").stream()
                    .anyMatch(e -> e.message().contains("notes.txt") && e.message().contains("bad files")),
                    () -> "the bad file is reported: " + cluster.getErrors("hdfs-bad", "files"));
            cluster.killTopology("hdfs-bad");
        }
        assertEquals("notes.txt", hdfs.files(dir + "/bad").get(0).getName());
        assertEquals(200, seen.size());
        assertTrue(seen.containsKey("0=record 0") && seen.containsKey("199=record 199"), seen.keySet().toString());
    }

    @Test
    void aSpoutWithoutItsDirectoriesReportsWhatToSetAndEmitsNothing() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("files", new HdfsSpout().withOutputFields(TextFileReader.defaultFields).setReaderType("text")
                .setHdfsUri(hdfs.url()));
        b.setBolt("collect", new Collect("unset", 0)).shuffleGrouping("files");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-unset", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(30), () -> cluster.getErrors("hdfs-unset", "files").stream()
                            .anyMatch(e -> e.message().contains("setSourceDir") && e.message().contains("setArchiveDir")),
                    () -> "an error naming the missing settings: " + cluster.getErrors("hdfs-unset", "files"));
            cluster.killTopology("hdfs-unset");
        }
        assertTrue(SEEN.getOrDefault("unset", Map.of()).isEmpty());
    }

    /** Counts what it sees under its test's name; fails the first delivery of every {@code failEvery}-th line. */
    static final class Collect extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final String test;
        private final int failEvery;
        private transient OutputCollector collector;
        private transient Set<String> failedOnce;

        Collect(String test, int failEvery) {
            this.test = test;
            this.failEvery = failEvery;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
            this.failedOnce = new HashSet<>();
        }

        @Override
        public void execute(Tuple input) {
            String value = input.size() == 1 ? input.getString(0) : input.getValue(0) + "=" + input.getValue(1);
            SEEN.computeIfAbsent(test, k -> new ConcurrentHashMap<>())
                    .computeIfAbsent(value, k -> new AtomicInteger()).incrementAndGet();
            boolean tenth = input.size() == 1 && value.endsWith(" line " + lineOf(value))
                    && failEvery > 0 && lineOf(value) % failEvery == 9;
            if (tenth && failedOnce.add(value)) {
                collector.fail(input);
            } else {
                collector.ack(input);
            }
        }

        private static int lineOf(String value) {
            return Integer.parseInt(value.substring(value.lastIndexOf(' ') + 1));
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }
}
