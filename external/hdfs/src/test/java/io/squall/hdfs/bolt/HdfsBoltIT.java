package io.squall.hdfs.bolt;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.hdfs.bolt.format.DefaultFileNameFormat;
import io.squall.hdfs.bolt.format.DefaultSequenceFormat;
import io.squall.hdfs.bolt.format.DelimitedRecordFormat;
import io.squall.hdfs.bolt.rotation.FileSizeRotationPolicy;
import io.squall.hdfs.bolt.sync.CountSyncPolicy;
import io.squall.hdfs.common.rotation.MoveFileAction;
import io.squall.hdfs.testing.MiniHdfs;
import io.squall.hdfs.testing.SharedHdfs;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.AckTracker;
import io.squall.testing.FixedTupleSpout;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichBolt;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.SequenceFile;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HdfsBolt and SequenceFileBolt in local-mode topologies writing to a real HDFS (MiniDFSCluster): every tuple is
 * acked only once in a file, files rotate and move, and a bolt whose NameNode goes away fails its tuples, which are
 * replayed and written once it is back.
 */
@Timeout(120)
class HdfsBoltIT {
    private final MiniHdfs hdfs = SharedHdfs.get();

    private static List<List<Object>> sentences(int n) {
        List<List<Object>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Values((long) i, "sentence number " + i));
        }
        return out;
    }

    private static Config conf() {
        Config conf = new Config();
        conf.setMaxSpoutPending(200);
        conf.setMessageTimeoutSecs(20);
        conf.put("hdfs.config", MiniHdfs.clientConfig());
        return conf;
    }

    private static Set<Long> ids(List<String> lines) {
        Set<Long> ids = new HashSet<>();
        for (String line : lines) {
            ids.add(Long.parseLong(line.substring(0, line.indexOf('|'))));
        }
        return ids;
    }

    @Test
    void everyTupleIsAckedOnceSyncedAndTheRotatedFilesAreMoved() {
        int n = 3000;
        AckTracker acks = AckTracker.named("hdfs-rotate");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new FixedTupleSpout(sentences(n), new Fields("id", "sentence"), "hdfs-rotate"));
        b.setBolt("writer", new HdfsBolt().withFsUrl(hdfs.url()).withConfigKey("hdfs.config")
                .withFileNameFormat(new DefaultFileNameFormat().withPath("/rotate/out/"))
                .withRecordFormat(new DelimitedRecordFormat().withFieldDelimiter("|"))
                .withSyncPolicy(new CountSyncPolicy(100))
                .withRotationPolicy(new FileSizeRotationPolicy(8.0f, FileSizeRotationPolicy.Units.KB))
                .addRotationAction(new MoveFileAction().toDestination("/rotate/done/"))
                .withTickTupleIntervalSeconds(1), 2).shuffleGrouping("sentences");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-rotate", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " acked");
            cluster.killTopology("hdfs-rotate");
        } finally {
            AckTracker.remove("hdfs-rotate");
        }
        List<String> done = hdfs.lines("/rotate/done");
        List<String> all = new ArrayList<>(done);
        all.addAll(hdfs.lines("/rotate/out"));
        assertEquals(n, all.size(), "each tuple written once");
        assertEquals(n, ids(all).size());
        assertTrue(hdfs.files("/rotate/done").size() >= 8, "rotated at 8 KiB: " + hdfs.files("/rotate/done"));
        assertTrue(all.contains("42|sentence number 42"), all.get(0));
    }

    @Test
    void sequenceFilesHoldEveryTuple() throws IOException {
        int n = 500;
        AckTracker acks = AckTracker.named("hdfs-seq");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new FixedTupleSpout(sentences(n), new Fields("id", "sentence"), "hdfs-seq"));
        b.setBolt("writer", new SequenceFileBolt().withFsUrl(hdfs.url()).withConfigKey("hdfs.config")
                .withFileNameFormat(new DefaultFileNameFormat().withPath("/seq/out/").withExtension(".seq"))
                .withSequenceFormat(new DefaultSequenceFormat("id", "sentence"))
                .withCompressionType(SequenceFile.CompressionType.BLOCK).withCompressionCodec("deflate")
                .withSyncPolicy(new CountSyncPolicy(50))
                .withRotationPolicy(new FileSizeRotationPolicy(4.0f, FileSizeRotationPolicy.Units.KB))
                .withTickTupleIntervalSeconds(1)).shuffleGrouping("sentences");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-seq", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " acked");
            cluster.killTopology("hdfs-seq");
        } finally {
            AckTracker.remove("hdfs-seq");
        }
        Set<Long> keys = new HashSet<>();
        int records = 0;
        for (Path p : hdfs.files("/seq/out")) {
            try (SequenceFile.Reader r = new SequenceFile.Reader(hdfs.fs().getConf(), SequenceFile.Reader.stream(
                    hdfs.fs().open(p)), SequenceFile.Reader.length(hdfs.fs().getFileStatus(p).getLen()))) {
                LongWritable k = new LongWritable();
                Text v = new Text();
                while (r.next(k, v)) {
                    records++;
                    keys.add(k.get());
                    assertEquals("sentence number " + k.get(), v.toString());
                }
            }
        }
        assertEquals(n, records);
        assertEquals(n, keys.size());
    }

    @Test
    void aBoltWhoseNameNodeGoesAwayFailsItsTuplesAndTheyAreReplayed() {
        int n = 2000;
        AckTracker acks = AckTracker.named("hdfs-outage");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("sentences", new FixedTupleSpout(sentences(n), new Fields("id", "sentence"), "hdfs-outage"));
        b.setBolt("pace", new Pace(1000)).shuffleGrouping("sentences");
        b.setBolt("writer", new HdfsBolt().withFsUrl(hdfs.url()).withConfigKey("hdfs.config")
                .withFileNameFormat(new DefaultFileNameFormat().withPath("/outage/out/"))
                .withRecordFormat(new DelimitedRecordFormat().withFieldDelimiter("|"))
                .withSyncPolicy(new CountSyncPolicy(20))
                .withRotationPolicy(new FileSizeRotationPolicy(16.0f, FileSizeRotationPolicy.Units.KB))
                .withTickTupleIntervalSeconds(1)).shuffleGrouping("pace");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("hdfs-outage", conf(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> acks.distinctAcked() >= 300,
                    () -> acks.distinctAcked() + " acked, waiting for 300");
            hdfs.stopNameNode();
            try {
                Await.until(Duration.ofSeconds(30), () -> acks.totalFails() >= 10,
                        () -> acks.totalFails() + " tuples failed while the NameNode is down");
            } finally {
                hdfs.restartNameNode();
            }
            Await.until(Duration.ofSeconds(90), () -> acks.distinctAcked() == n,
                    () -> acks.distinctAcked() + " of " + n + " acked after the NameNode came back");
            assertTrue(cluster.getErrors("hdfs-outage", "writer").stream()
                    .anyMatch(e -> e.message().contains("replayed")), "the failure is reported");
            cluster.killTopology("hdfs-outage");
        } finally {
            AckTracker.remove("hdfs-outage");
        }
        Set<Long> written = ids(hdfs.lines("/outage/out"));
        for (long i = 0; i < n; i++) {
            assertTrue(written.contains(i), "tuple " + i + " is in a file");
        }
    }

    /** Passes each tuple on after {@code micros}, so that a run lasts long enough to stop HDFS in it. */
    static final class Pace extends BaseRichBolt {
        private static final long serialVersionUID = 1L;
        private final long micros;
        private transient OutputCollector collector;

        Pace(long micros) {
            this.micros = micros;
        }

        @Override
        public void prepare(Map<String, Object> conf, TopologyContext context, OutputCollector collector) {
            this.collector = collector;
        }

        @Override
        public void execute(Tuple input) {
            LockSupport.parkNanos(micros * 1000);
            collector.emit(input, input.getValues());
            collector.ack(input);
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("id", "sentence"));
        }
    }
}
