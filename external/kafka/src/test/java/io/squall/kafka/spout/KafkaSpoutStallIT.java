package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.kafka.SharedKafka;
import io.squall.metrics.TaggedRegistry;
import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.TopologyBuilder;
import io.squall.utils.Time;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A record lost on its way through the spout, against a real broker and consumer: the partition's commits stop at
 * it until the spout, three message timeouts later (simulated), seeks back to it; the real consumer then fetches the
 * partition again from there, and only the lost record is emitted again. The spout is driven directly, as its
 * executor would, so the test can make one emit fail.
 */
@Timeout(120)
class KafkaSpoutStallIT {
    private static final String TOPIC = "stall-heal";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    /** Emitted message ids in order; the emit of {@link #loseOffset} throws once. */
    private final List<KafkaSpoutMessageId> emitted = new ArrayList<>();
    private long loseOffset = 10;

    @Test
    void aLostRecordIsFetchedAgainFromTheBrokerAndOnlyItIsEmittedAgain() {
        int n = 100;
        SharedKafka.createTopic(TOPIC, 1);
        SharedKafka.produce(TOPIC, 0, n);
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder(SharedKafka.bootstrap(), TOPIC)
                .setProp("group.id", TOPIC)
                .setOffsetCommitPeriodMs(1)
                .setPollTimeoutMs(10)
                .build();
        Time.startSimulating();
        KafkaSpout<String, String> spout = new KafkaSpout<>(config);
        try {
            open(spout, config);
            Await.until(Duration.ofSeconds(60), () -> {
                step(spout);
                return emitted.size() == n - 1;
            }, () -> "every record but the lost one emitted; emitted " + emitted.size());
            emitted.forEach(spout::ack);
            Await.until(Duration.ofSeconds(30), () -> {
                step(spout);
                return Long.valueOf(10).equals(SharedKafka.committed(TOPIC, TOPIC).get(TP));
            }, () -> "a commit up to the lost record; committed " + SharedKafka.committed(TOPIC, TOPIC));

            Time.advanceTime(1_000); // The spout looks at its partitions every second: it sees the wait begin.
            step(spout);
            Time.advanceTime(90_000); // Three message timeouts of 30 s (the default).
            Await.until(Duration.ofSeconds(30), () -> {
                step(spout);
                return emitted.size() == n;
            }, () -> "the lost record emitted again; emitted " + emitted.size());
            for (int i = 0; i < 100; i++) {
                step(spout);
            }
            assertEquals(n, emitted.size(), "nothing but the lost record was emitted again");
            assertEquals(10, emitted.get(n - 1).offset());
            spout.ack(emitted.get(n - 1));
            Await.until(Duration.ofSeconds(30), () -> {
                step(spout);
                return Long.valueOf(n).equals(SharedKafka.committed(TOPIC, TOPIC).get(TP));
            }, () -> "a commit to the log end; committed " + SharedKafka.committed(TOPIC, TOPIC));
        } finally {
            spout.close();
            Time.stopSimulating();
        }
    }

    private void step(KafkaSpout<String, String> spout) {
        Time.advanceTime(1);
        try {
            spout.nextTuple();
        } catch (IllegalStateException e) {
            // The injected failure of one emit: the record is lost in the spout.
        }
    }

    private void open(KafkaSpout<String, String> spout, KafkaSpoutConfig<String, String> config) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config));
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "kafka"),
                "stall-1", 0, List.of(1));
        spout.open(Map.of(), new TopologyContext(worker, 1, new TaggedRegistry()),
                new SpoutOutputCollector(new ISpoutOutputCollector() {
                    @Override
                    public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
                        KafkaSpoutMessageId id = (KafkaSpoutMessageId) messageId;
                        if (id.offset() == loseOffset) {
                            loseOffset = -1;
                            throw new IllegalStateException("injected: the emit of offset " + id.offset() + " failed");
                        }
                        emitted.add(id);
                        return List.of();
                    }

                    @Override
                    public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
                        throw new AssertionError("no direct emits");
                    }

                    @Override
                    public void reportError(Throwable error) {
                        throw new AssertionError("unexpected error", error);
                    }

                    @Override
                    public long getPendingCount() {
                        return 0;
                    }
                }));
    }
}
