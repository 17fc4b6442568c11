package io.squall.kafka.spout;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.Await;
import io.squall.kafka.SharedKafka;
import io.squall.runtime.api.ReportedError;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to a KafkaSpout: each is a clear error of the spout's component, and the worker keeps running. */
class KafkaSpoutErrorsIT {

    private static boolean reported(LocalCluster cluster, String topology, String... parts) {
        for (ReportedError e : cluster.getErrors(topology, "kafka")) {
            boolean all = true;
            for (String p : parts) {
                all &= e.message().contains(p);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static String errors(LocalCluster cluster, String topology) {
        return cluster.getErrors(topology, "kafka").stream().map(ReportedError::message).toList().toString();
    }

    private static void assertStillRunning(LocalCluster cluster, String topology) {
        assertTrue(cluster.isRunning(topology), "the topology keeps running");
        assertNull(cluster.getTopologyFailure(topology));
    }

    @Test
    @Timeout(60)
    void unreachableBootstrapServersAreReportedAndTheWorkerKeepsRunning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder("127.0.0.1:" + port, "nowhere")
                .setProp(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000).build();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("unreachable", new Config(), KafkaSpoutIT.topology(config, 1,
                    new Recorder("unreachable", 0)).createTopology());
            Await.until(Duration.ofSeconds(40), () -> reported(cluster, "unreachable", "KafkaSpout 'kafka'",
                    "cannot reach Kafka at bootstrap.servers=127.0.0.1:" + port, "check the address"),
                    () -> "an error naming the spout and the address; errors: " + errors(cluster, "unreachable"));
            assertStillRunning(cluster, "unreachable");
        }
    }

    @Test
    @Timeout(90)
    void aMissingTopicIsReportedAndReadOnceItExists() {
        String topic = "created-later";
        Recorder.Seen seen = Recorder.seen(topic);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, new Config(), KafkaSpoutIT.topology(KafkaSpoutIT.config(topic, topic), 1,
                    new Recorder(topic, 0)).createTopology());
            Await.until(Duration.ofSeconds(40), () -> reported(cluster, topic, "KafkaSpout 'kafka'",
                    "[" + topic + "] do not exist", "create them"),
                    () -> "an error naming the spout and the topic; errors: " + errors(cluster, topic));
            SharedKafka.createTopic(topic, 1);
            SharedKafka.produce(topic, 0, 50);
            Await.until(Duration.ofSeconds(40), () -> seen.distinct.size() == 50, () -> seen.distinct.size() + " of 50");
            assertStillRunning(cluster, topic);
        }
    }

    @Test
    @Timeout(90)
    void aRecordTheTranslatorThrowsOnIsReportedCountedAndCommittedPast() {
        String topic = "poison";
        SharedKafka.createTopic(topic, 1);
        SharedKafka.produce(topic, 0, 100);
        Recorder.Seen seen = Recorder.seen(topic);
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(SharedKafka.bootstrap(), topic)
                .setProp("group.id", topic).setOffsetCommitPeriodMs(200)
                .setRecordTranslator(r -> {
                    if (r.value().equals("13")) {
                        throw new IllegalArgumentException("unlucky record");
                    }
                    return new Values(r.partition(), r.offset(), r.value());
                }, new Fields("partition", "offset", "value"))
                .build();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(topic, new Config(), KafkaSpoutIT.topology(config, 1, new Recorder(topic, 0))
                    .createTopology());
            Await.until(Duration.ofSeconds(40), () -> seen.distinct.size() == 99, () -> seen.distinct.size() + " of 99");
            Await.until(Duration.ofSeconds(20), () -> reported(cluster, topic, "KafkaSpout 'kafka'", "record translator",
                    "offset 13 of poison-0", "unlucky record", "kafka.translatorErrors"),
                    () -> "an error naming the spout, the record and the fix; errors: " + errors(cluster, topic));
            KafkaSpoutIT.awaitCommittedToEnd(topic, topic);
            assertStillRunning(cluster, topic);
        }
    }

    /** A deserializer that cannot be made: its constructor throws. */
    public static class BrokenDeserializer extends StringDeserializer {
        public BrokenDeserializer() {
            throw new IllegalStateException("this deserializer needs a schema registry");
        }
    }

    @Test
    @Timeout(60)
    void aDeserializerThatCannotBeMadeIsReportedAndTheWorkerKeepsRunning() {
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(SharedKafka.bootstrap(), "any")
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, BrokenDeserializer.class.getName())
                .build();
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("bad-deserializer", new Config(), KafkaSpoutIT.topology(config, 1,
                    new Recorder("bad-deserializer", 0)).createTopology());
            Await.until(Duration.ofSeconds(30), () -> reported(cluster, "bad-deserializer", "KafkaSpout 'kafka'",
                    "cannot create its Kafka consumer", "value.deserializer"),
                    () -> "an error naming the spout and the deserializer; errors: " + errors(cluster, "bad-deserializer"));
            assertStillRunning(cluster, "bad-deserializer");
        }
    }
}
