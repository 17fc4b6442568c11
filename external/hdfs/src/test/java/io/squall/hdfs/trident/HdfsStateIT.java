package io.squall.hdfs.trident;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.hdfs.common.rotation.MoveFileAction;
import io.squall.hdfs.testing.MiniHdfs;
import io.squall.hdfs.testing.SharedHdfs;
import io.squall.hdfs.trident.format.DefaultFileNameFormat;
import io.squall.hdfs.trident.format.DefaultSequenceFormat;
import io.squall.hdfs.trident.format.DelimitedRecordFormat;
import io.squall.hdfs.trident.rotation.FileSizeRotationPolicy;
import io.squall.trident.TridentTopology;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Trident HdfsState on a real HDFS (MiniDFSCluster): batches rotate across files, and with the NameNode stopped
 * mid-run the failed batches are replayed into the files, each tuple in them exactly once.
 */
@Timeout(120)
class HdfsStateIT {
    private final MiniHdfs hdfs = SharedHdfs.get();

    private static List<List<Object>> sentences(int n) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Values("sentence " + i, (long) i));
        }
        return out;
    }

    private static Config conf() {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 20);
        conf.put("hdfs.config", MiniHdfs.clientConfig());
        return conf;
    }

    private int lineCount(String dir) {
        try {
            return hdfs.lines(dir).size();
        } catch (UncheckedIOException e) {
            return -1; // A file the state's recovery deleted between the listing and the read: look again.
        }
    }

    @Test
    void everyTupleIsInTheFilesOnceThoughTheNameNodeGoesAwayMidRun() {
        int n = 2000;
        Fields fields = new Fields("sentence", "key");
        HdfsState.Options options = new HdfsState.HdfsFileOptions()
                .withFileNameFormat(new DefaultFileNameFormat().withPath("/trident/out").withPrefix("trident"))
                .withRecordFormat(new DelimitedRecordFormat().withFields(fields))
                .withRotationPolicy(new FileSizeRotationPolicy(6.0f, FileSizeRotationPolicy.Units.KB))
                .withFsUrl(hdfs.url()).withConfigKey("hdfs.config");
        TridentTopology t = new TridentTopology();
        t.newStream("sentences", new FixedBatchSpout(fields, 100, sentences(n)))
                .partitionPersist(new HdfsStateFactory().withOptions(options), fields, new HdfsUpdater(), new Fields());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-trident", conf(), t.build());
            Await.until(Duration.ofSeconds(60), () -> lineCount("/trident/out") >= 500,
                    () -> lineCount("/trident/out") + " lines written, waiting for 500");
            hdfs.stopNameNode();
            try {
                // The planner runs the state in the spout's component here.
                Await.until(Duration.ofSeconds(30), () -> cluster.getErrors("hdfs-trident", "$spout-sentences")
                                .stream().anyMatch(e -> e.message().contains("replayed")),
                        () -> "a failed batch reported while the NameNode is down");
            } finally {
                hdfs.restartNameNode();
            }
            Await.until(Duration.ofSeconds(90), () -> lineCount("/trident/out") >= n,
                    () -> lineCount("/trident/out") + " of " + n + " lines written after the NameNode came back");
            cluster.killTopology("hdfs-trident");
        }
        List<String> lines = hdfs.lines("/trident/out");
        Set<String> distinct = new HashSet<>(lines);
        assertEquals(n, distinct.size());
        assertEquals(n, lines.size(), "no tuple twice");
        assertTrue(distinct.contains("sentence 7,7"), lines.get(0));
        assertTrue(hdfs.files("/trident/out").size() >= 4, "rotated at 6 KiB: " + hdfs.files("/trident/out"));
    }

    @Test
    void sequenceFilesRotateAndMove() throws IOException {
        int n = 600;
        Fields fields = new Fields("sentence", "key");
        HdfsState.Options options = new HdfsState.SequenceFileOptions()
                .withFileNameFormat(new DefaultFileNameFormat().withPath("/trident-seq/out").withExtension(".seq"))
                .withSequenceFormat(new DefaultSequenceFormat("key", "sentence"))
                .withRotationPolicy(new FileSizeRotationPolicy(4.0f, FileSizeRotationPolicy.Units.KB))
                .withFsUrl(hdfs.url()).withConfigKey("hdfs.config")
                .addRotationAction(new MoveFileAction().toDestination("/trident-seq/done/"));
        TridentTopology t = new TridentTopology();
        t.newStream("sentences", new FixedBatchSpout(fields, 60, sentences(n)))
                .partitionPersist(new HdfsStateFactory().withOptions(options), fields, new HdfsUpdater(), new Fields());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-trident-seq", conf(), t.build());
            Await.until(Duration.ofSeconds(60), () -> records("/trident-seq/done").size()
                            + records("/trident-seq/out").size() >= n,
                    () -> records("/trident-seq/done").size() + " records moved, waiting for " + n);
            cluster.killTopology("hdfs-trident-seq");
        }
        List<Long> keys = records("/trident-seq/done");
        keys.addAll(records("/trident-seq/out"));
        assertEquals(n, keys.size());
        assertEquals(n, new HashSet<>(keys).size());
        assertTrue(hdfs.files("/trident-seq/done").size() >= 2);
    }

    private List<Long> records(String dir) {
        List<Long> keys = new ArrayList<>();
        for (Path p : hdfs.files(dir)) {
            try (FSDataInputStream in = hdfs.fs().open(p);
                 SequenceFile.Reader r = new SequenceFile.Reader(hdfs.fs().getConf(), SequenceFile.Reader.stream(in),
                         SequenceFile.Reader.length(hdfs.fs().getFileStatus(p).getLen()))) {
                LongWritable k = new LongWritable();
                Text v = new Text();
                while (r.next(k, v)) {
                    keys.add(k.get());
                }
            } catch (IOException e) {
                // A file still being written: its records count once it is closed.
                return keys;
            }
        }
        return keys;
    }
}
