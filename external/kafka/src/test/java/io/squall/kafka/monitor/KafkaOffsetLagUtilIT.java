package io.squall.kafka.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.spout.KafkaSpout;
import io.squall.kafka.spout.KafkaSpoutConfig;
import io.squall.topology.BasicOutputCollector;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseBasicBolt;
import io.squall.tuple.Tuple;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's storm-kafka-monitor command against a real broker: a real KafkaSpout's lag, exact offsets, bad input. */
class KafkaOffsetLagUtilIT {

    /** What one run of the command printed, and its exit status. */
    private record Run(int status, String out, String err) {
        JsonNode json() throws IOException {
            return new ObjectMapper().readTree(out);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = KafkaOffsetLagUtil.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Acks every tuple. */
    public static class Sink extends BaseBasicBolt {
        @Override
        public void execute(Tuple input, BasicOutputCollector collector) {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }

    @Test
    @Timeout(180)
    void showsAKafkaSpoutCaughtUpThenTheRecordsWrittenWhileItIsGone() throws IOException {
        String topic = "lag-spout";
        SharedKafka.createTopic(topic, 3);
        SharedKafka.produce(topic, 0, 3000);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(KafkaSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setProp("group.id", "lag-group").setOffsetCommitPeriodMs(200).build()));
        b.setBolt("sink", new Sink()).shuffleGrouping("kafka");
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("lag", new Config(), b.createTopology());
            Await.until(Duration.ofSeconds(60), () -> SharedKafka.committed("lag-group", topic)
                    .equals(SharedKafka.endOffsets(topic)), () -> "the spout to commit up to the log end: committed "
                    + SharedKafka.committed("lag-group", topic));
        }
        Run caughtUp = run("-t", topic, "-b", SharedKafka.bootstrap(), "-g", "lag-group");
        assertEquals(0, caughtUp.status(), caughtUp.err());
        JsonNode partitions = caughtUp.json().get(topic);
        assertEquals(3, partitions.size(), caughtUp.out());
        for (JsonNode p : partitions) {
            assertEquals(1000, p.get("logHeadOffset").asLong(), caughtUp.out());
            assertEquals(1000, p.get("consumerCommittedOffset").asLong(), caughtUp.out());
            assertEquals(0, p.get("lag").asLong(), caughtUp.out());
        }

        SharedKafka.produce(topic, 3000, 600);
        Run behind = run("--topics", topic, "--bootstrap-brokers", SharedKafka.bootstrap(), "--groupid", "lag-group");
        assertEquals(0, behind.status(), behind.err());
        for (JsonNode p : behind.json().get(topic)) {
            assertEquals(1200, p.get("logHeadOffset").asLong(), behind.out());
            assertEquals(200, p.get("lag").asLong(), behind.out());
        }
    }

    @Test
    @Timeout(120)
    void reportsEachPartitionOfSeveralTopicsAndAGroupThatCommittedNothingOnOne() throws Exception {
        SharedKafka.createTopic("lag-a", 2);
        SharedKafka.createTopic("lag-b", 1);
        SharedKafka.produce("lag-a", 0, 40);
        SharedKafka.produce("lag-b", 0, 30);
        SharedKafka.admin().alterConsumerGroupOffsets("lag-exact", Map.of(
                new TopicPartition("lag-a", 0), new OffsetAndMetadata(5),
                new TopicPartition("lag-a", 1), new OffsetAndMetadata(20))).all().get();
        // The log of lag-b starts at 10 now: a group that committed nothing lags by the 20 records left.
        SharedKafka.admin().deleteRecords(Map.of(new TopicPartition("lag-b", 0), RecordsToDelete.beforeOffset(10)))
                .all().get();

        Run r = run("-t", "lag-a, lag-b", "-b", SharedKafka.bootstrap(), "-g", "lag-exact");
        assertEquals(0, r.status(), r.err());
        JsonNode json = r.json();
        assertEquals(5, json.at("/lag-a/0/consumerCommittedOffset").asLong(), r.out());
        assertEquals(20, json.at("/lag-a/0/logHeadOffset").asLong(), r.out());
        assertEquals(15, json.at("/lag-a/0/lag").asLong(), r.out());
        assertEquals(0, json.at("/lag-a/1/lag").asLong(), r.out());
        assertEquals(-1, json.at("/lag-b/0/consumerCommittedOffset").asLong(), r.out());
        assertEquals(30, json.at("/lag-b/0/logHeadOffset").asLong(), r.out());
        assertEquals(20, json.at("/lag-b/0/lag").asLong(), r.out());

        // The Java API that Storm's UI calls gives the same.
        var results = KafkaOffsetLagUtil.getOffsetLags(new NewKafkaSpoutOffsetQuery("lag-a", SharedKafka.bootstrap(),
                "lag-exact", null, null, null));
        assertTrue(results.contains(new KafkaOffsetLagResult("lag-a", 0, 5, 20)), results.toString());
    }

    @Test
    @Timeout(120)
    void badInputGetsAClearErrorAndAStatusNotZero(@TempDir Path dir) throws IOException {
        Run missing = run("-t", "x");
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("missing --bootstrap-brokers, --groupid"), missing.err());
        assertEquals("", missing.out());

        Run unknownOption = run("-t", "x", "-b", "y", "-g", "z", "--zookeeper", "q");
        assertEquals(2, unknownOption.status());
        assertTrue(unknownOption.err().contains("zookeeper"), unknownOption.err());

        Run noTopic = run("-t", "lag-no-such-topic", "-b", SharedKafka.bootstrap(), "-g", "g");
        assertEquals(1, noTopic.status());
        assertTrue(noTopic.err().contains("'lag-no-such-topic' does not exist on " + SharedKafka.bootstrap()),
                noTopic.err());

        Run noFile = run("-t", "x", "-b", SharedKafka.bootstrap(), "-g", "g", "-c", dir.resolve("none.properties")
                .toString());
        assertEquals(1, noFile.status());
        assertTrue(noFile.err().contains("cannot read the consumer config file"), noFile.err());

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path quick = Files.writeString(dir.resolve("quick.properties"), "default.api.timeout.ms=2000\n"
                + "request.timeout.ms=1000\nkey.deserializer=ignored.by.the.admin.Client\n");
        long start = System.nanoTime();
        Run down = run("-t", "x", "-b", "127.0.0.1:" + closedPort, "-g", "g", "-c", quick.toString());
        assertEquals(1, down.status());
        assertTrue(down.err().contains("did not answer"), down.err());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 30, "gave up within the timeout");
    }
}
