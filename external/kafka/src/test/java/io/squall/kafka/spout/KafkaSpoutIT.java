package io.squall.kafka.spout;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Await;
import io.squall.kafka.SharedKafka;
import io.squall.topology.KillOptions;
import io.squall.topology.TopologyBuilder;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * KafkaSpout against a real broker: at-least-once through failures, restarts, new partitions, a broker restart
 * (last, so that the others do not start on a broker still settling after it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaSpoutIT {

    static KafkaSpoutConfig<String, String> config(String topic, String group) {
        return KafkaSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setProp("group.id", group)
                .setOffsetCommitPeriodMs(300)
                .setPartitionRefreshPeriodMs(500)
                .setRetry(new KafkaSpoutRetryExponentialBackoff(KafkaSpoutRetryExponentialBackoff.TimeInterval.seconds(0),
                        KafkaSpoutRetryExponentialBackoff.TimeInterval.milliSeconds(10), 10,
                        KafkaSpoutRetryExponentialBackoff.TimeInterval.seconds(1)))
                .build();
    }

    static TopologyBuilder topology(KafkaSpoutConfig<String, String> config, int spouts, Recorder bolt) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config), spouts);
        b.setBolt("recorder", bolt, 2).shuffleGrouping("kafka");
        return b;
    }

    static Config conf() {
        Config c = new Config();
        c.setMaxSpoutPending(2000);
        return c;
    }

    static void awaitCommittedToEnd(String group, String topic) {
        Await.until(Duration.ofSeconds(30), () -> SharedKafka.committed(group, topic).equals(SharedKafka.endOffsets(topic)),
                () -> "committed " + SharedKafka.committed(group, topic) + " to reach the log end "
                        + SharedKafka.endOffsets(topic));
    }

    @Test
    @Order(1)
    @Timeout(180)
    void processesEveryRecordAndCommitsToTheLogEndWhenTenPercentFailOnce() {
        String topic = "hundred-k";
        int n = 100_000;
        SharedKafka.createTopic(topic, 4);
        SharedKafka.produce(topic, 0, n);
        Recorder.Seen seen = Recorder.seen(topic);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, conf(), topology(config(topic, topic), 2, new Recorder(topic, 10))
                    .createTopology());
            Await.until(Duration.ofSeconds(120), () -> seen.distinct.size() == n,
                    () -> seen.distinct.size() + " of " + n + " records processed");
            awaitCommittedToEnd(topic, topic);
            assertEquals(n / 10, seen.failedOnce.size(), "every tenth record failed once");
            assertEquals(n, seen.acks.get(), "no record was processed twice: retries re-emit only the failed ones");
            assertNull(cluster.getTopologyFailure(topic));
        }
    }

    @Test
    @Order(2)
    @Timeout(120)
    void aRestartedSpoutLosesNothingAndRepeatsOnlyWhatWasNotCommitted() {
        String topic = "restart";
        int n = 30_000;
        SharedKafka.createTopic(topic, 2);
        SharedKafka.produce(topic, 0, n);
        Recorder.Seen seen = Recorder.seen(topic);
        Map<TopicPartition, Long> committedAtRestart;
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, conf(), topology(config(topic, topic), 1, new Recorder(topic, 0))
                    .createTopology());
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() > n / 4,
                    () -> seen.distinct.size() + " records processed");
            KillOptions now = new KillOptions();
            now.set_wait_secs(0);
            cluster.killTopologyWithOpts(topic, now);
            Await.until(Duration.ofSeconds(30), () -> !cluster.isRunning(topic), () -> "the topology to stop");
            committedAtRestart = SharedKafka.committed(topic, topic);
            long before = seen.distinct.size();
            assertTrue(before < n, "stopped mid-run: " + before);
            cluster.submitTopology(topic, conf(), topology(config(topic, topic), 1, new Recorder(topic, 0))
                    .createTopology());
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() == n,
                    () -> seen.distinct.size() + " of " + n + " records processed after the restart");
            awaitCommittedToEnd(topic, topic);
        }
        for (Map.Entry<String, Integer> e : seen.times.entrySet()) {
            if (e.getValue() > 1) {
                String[] po = e.getKey().split(":");
                long committed = committedAtRestart.getOrDefault(new TopicPartition(topic, Integer.parseInt(po[0])), 0L);
                assertTrue(Long.parseLong(po[1]) >= committed, "record " + e.getKey()
                        + " was emitted again although its offset was committed (" + committed + ")");
            }
        }
    }

    @Test
    @Order(3)
    @Timeout(120)
    void picksUpAPartitionAddedWhileRunning() {
        String topic = "grows";
        SharedKafka.createTopic(topic, 1);
        SharedKafka.produce(topic, 0, 100);
        Recorder.Seen seen = Recorder.seen(topic);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, conf(), topology(config(topic, topic), 2, new Recorder(topic, 0))
                    .createTopology());
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() == 100, () -> seen.distinct.size() + " of 100");
            SharedKafka.addPartitions(topic, 3);
            SharedKafka.produce(topic, 100, 300);
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() == 400, () -> seen.distinct.size() + " of 400");
            assertEquals(3, SharedKafka.endOffsets(topic).values().stream().filter(o -> o > 0).count(),
                    "records went to all three partitions");
            assertTrue(seen.distinct.stream().anyMatch(id -> id.startsWith("2:")), "partition 2 was read");
            awaitCommittedToEnd(topic, topic);
        }
    }

    @Test
    @Order(4)
    @Timeout(180)
    void recoversWhenTheBrokerRestartsMidRun() {
        String topic = "broker-restart";
        SharedKafka.createTopic(topic, 2);
        SharedKafka.produce(topic, 0, 5_000);
        Recorder.Seen seen = Recorder.seen(topic);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, conf(), topology(config(topic, topic), 1, new Recorder(topic, 0))
                    .createTopology());
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() == 5_000, () -> seen.distinct.size() + " of 5000");
            SharedKafka.broker().kill();
            SharedKafka.broker().start();
            SharedKafka.produce(topic, 5_000, 5_000);
            Await.until(Duration.ofSeconds(90), () -> seen.distinct.size() == 10_000,
                    () -> seen.distinct.size() + " of 10000 after the broker restart");
            awaitCommittedToEnd(topic, topic);
            assertTrue(cluster.isRunning(topic));
            assertNull(cluster.getTopologyFailure(topic));
        }
    }
}
