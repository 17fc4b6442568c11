package io.squall.kafka.spout;

import io.squall.kafka.spout.KafkaSpoutRetryExponentialBackoff.TimeInterval;
import io.squall.metrics.TaggedRegistry;
import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.TopologyBuilder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import io.squall.Await;
import io.squall.utils.Time;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spout's bookkeeping against Kafka's MockConsumer: what it emits, retries and commits. */
class KafkaSpoutTest {
    private static final String TOPIC = "t";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final List<Object[]> emits = new ArrayList<>();
    private final TaggedRegistry registry = new TaggedRegistry();
    /** When set, each emit reads the event time and partition of the tuple from the spout first, as the runtime does. */
    private KafkaSpout<String, String> eventTimeOf;
    private final List<String> eventTimes = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    /** The offset whose emit throws, once, as a runtime fault between the spout and its collector would; -1: none. */
    private long throwOnEmitOf = -1;

    private KafkaSpout<String, String> open(KafkaSpoutConfig.Builder<String, String> builder) {
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(TP, 0L));
        KafkaSpoutConfig<String, String> config = builder.setOffsetCommitPeriodMs(1).build();
        KafkaSpout<String, String> spout = new KafkaSpout<>(config, props -> consumer);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config));
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "kafka"),
                "topo-1", 0, List.of(1));
        spout.open(Map.of(), new TopologyContext(worker, 1, registry), new SpoutOutputCollector(new Recording()));
        spout.nextTuple();
        return spout;
    }

    private final class Recording implements ISpoutOutputCollector {
        @Override
        public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
            if (eventTimeOf != null) {
                long ts = eventTimeOf.getEventTime(streamId, tuple);
                eventTimes.add(eventTimeOf.getCurrentPartition() + "@" + ts);
            }
            if (messageId instanceof KafkaSpoutMessageId id && id.offset() == throwOnEmitOf) {
                throwOnEmitOf = -1;
                throw new IllegalStateException("injected: the emit of offset " + id.offset() + " failed");
            }
            emits.add(new Object[] {streamId, tuple, messageId});
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
            throw new AssertionError("no direct emits");
        }

        @Override
        public void reportError(Throwable error) {
            if (eventTimeOf == null) {
                throw new AssertionError("unexpected error", error);
            }
            errors.add(error);
        }

        @Override
        public long getPendingCount() {
            return 0;
        }
    }

    private void produce(int from, int count) {
        for (int i = from; i < from + count; i++) {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, i, "k" + i, "v" + i));
        }
    }

    private void run(KafkaSpout<String, String> spout, int calls) {
        for (int i = 0; i < calls; i++) {
            spout.nextTuple();
        }
    }

    private Long committed() {
        OffsetAndMetadata o = consumer.committed(Set.of(TP)).get(TP);
        return o == null ? null : o.offset();
    }

    /**
     * Calls nextTuple until the spout has committed {@code expected} (the commit period is 1 ms), then for a while
     * longer to show that it commits no further.
     */
    private void assertCommits(KafkaSpout<String, String> spout, long expected, String why) {
        Await.until(Duration.ofSeconds(10), () -> {
            spout.nextTuple();
            return Long.valueOf(expected).equals(committed());
        }, () -> "a commit of " + expected + " (" + why + "), committed " + committed());
        long until = System.nanoTime() + 20_000_000;
        for (int calls = 0; calls < 3 || System.nanoTime() < until; calls++) {
            spout.nextTuple();
        }
        assertEquals(expected, committed(), why);
    }

    private long counter(String name) {
        return registry.registry().getCounters((n, m) -> n.endsWith("." + name)).values().stream()
                .mapToLong(c -> c.getCount()).sum();
    }

    private KafkaSpoutMessageId id(int emit) {
        return (KafkaSpoutMessageId) emits.get(emit)[2];
    }

    @Test
    void commitsOnlyUpToTheFirstTupleThatHasNotCompleted() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC));
        produce(0, 5);
        run(spout, 5);
        assertEquals(5, emits.size());
        for (int i : new int[] {0, 1, 3, 4}) {
            spout.ack(id(i));
        }
        assertCommits(spout, 2, "offset 2 has not completed");
        spout.ack(id(2));
        assertCommits(spout, 5, "all completed");
        assertEquals(5, emits.size(), "nothing emitted twice");
    }

    @Test
    void aFailedTupleIsEmittedAgainAndItsOffsetHeldUntilItCompletes() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC).setRetry(
                new KafkaSpoutRetryExponentialBackoff(TimeInterval.seconds(0), TimeInterval.seconds(0), 5,
                        TimeInterval.seconds(0))));
        produce(0, 3);
        run(spout, 3);
        spout.ack(id(0));
        spout.fail(id(1));
        spout.ack(id(2));
        assertCommits(spout, 1, "offset 1 failed");
        assertEquals(4, emits.size(), "offset 1 emitted again");
        assertEquals(1L, id(3).offset());
        assertEquals(1, id(3).numFails());
        spout.ack(id(3));
        assertCommits(spout, 3, "the retry completed");
        assertEquals(1L, counter("kafka.retried"));
        assertEquals(1L, counter("kafka.failed"));
    }

    @Test
    void aRecordThatFailsMoreThanMaxRetriesIsCountedAndCommittedPast() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC).setRetry(
                new KafkaSpoutRetryExponentialBackoff(TimeInterval.seconds(0), TimeInterval.seconds(0), 1,
                        TimeInterval.seconds(0))));
        produce(0, 1);
        run(spout, 1);
        spout.fail(id(0));
        run(spout, 1);
        assertEquals(2, emits.size(), "one retry");
        spout.fail(id(1));
        assertCommits(spout, 1, "given up, so committed past");
        assertEquals(2, emits.size(), "no second retry");
        assertEquals(1L, counter("kafka.maxRetriesReached"));
    }

    @Test
    void atMostOnceCommitsBeforeEmittingAndDoesNotTrack() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC)
                .setProcessingGuarantee(KafkaSpoutConfig.ProcessingGuarantee.AT_MOST_ONCE));
        produce(0, 3);
        spout.nextTuple();
        assertEquals(3L, committed(), "the whole poll is committed before its first tuple is emitted");
        assertEquals(1, emits.size());
        assertNull(emits.get(0)[2], "untracked");
    }

    @Test
    void enforcedTrackingGivesEveryTupleItsMessageIdWhileItsFailRetriesNothingUnderNoGuarantee() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC)
                .setProcessingGuarantee(KafkaSpoutConfig.ProcessingGuarantee.NO_GUARANTEE)
                .setTupleTrackingEnforced(true));
        produce(0, 3);
        run(spout, 3);
        assertEquals(3, emits.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(new KafkaSpoutMessageId(TP, i), emits.get(i)[2], "tracked: the acker gets a message id");
        }
        spout.fail(id(0));
        spout.ack(id(1));
        assertCommits(spout, 3, "committed as emitted, whatever the acker says");
        assertEquals(3, emits.size(), "the failed tuple is not retried");
        assertEquals(0L, counter("kafka.failed"));
    }

    @Test
    void aTopicsOwnTranslatorSendsItsTuplesToItsStream() {
        KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC)
                .setRecordTranslator(new ByTopicRecordTranslator<String, String>(
                        r -> new io.squall.tuple.Values(r.value()), new io.squall.tuple.Fields("value"), "others")
                        .forTopic(TOPIC, r -> new io.squall.tuple.Values(r.key(), r.value()),
                                new io.squall.tuple.Fields("key", "value"), "t-records")));
        produce(0, 2);
        run(spout, 2);
        assertEquals(2, emits.size());
        assertEquals("t-records", emits.get(0)[0]);
        assertEquals(List.of("k0", "v0"), emits.get(0)[1]);
    }

    @Test
    void emitsEachTupleWithItsRecordsTimestampAndPartitionForTheWatermarks() {
        TopicPartition tp1 = new TopicPartition(TOPIC, 1);
        consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0]),
                new PartitionInfo(TOPIC, 1, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(TP, 0L, tp1, 0L));
        KafkaSpoutConfig<String, String> config = KafkaSpoutConfig.builder("h:1", TOPIC).setOffsetCommitPeriodMs(1)
                .setRetry(new KafkaSpoutRetryExponentialBackoff(TimeInterval.seconds(0), TimeInterval.seconds(0), 5,
                        TimeInterval.seconds(0))).build();
        KafkaSpout<String, String> spout = new KafkaSpout<>(config, props -> consumer);
        eventTimeOf = spout;
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config));
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "kafka"),
                "topo-1", 0, List.of(1));
        spout.open(Map.of(), new TopologyContext(worker, 1, registry), new SpoutOutputCollector(new Recording()));
        spout.nextTuple();
        assertEquals(Set.of(TP, tp1), Set.copyOf(spout.getPartitions()));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, 0, 5_000L, TimestampType.CREATE_TIME, 0, 0, "a", "a",
                new RecordHeaders(), Optional.empty()));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, 1_000L, TimestampType.CREATE_TIME, 0, 0, "b", "b",
                new RecordHeaders(), Optional.empty()));
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 1, "no-ts", "no-ts"));
        run(spout, 3);
        assertEquals(Set.of("t-0@5000", "t-1@1000"), Set.copyOf(eventTimes));
        assertEquals(1L, counter("kafka.eventTimeErrors"), "the record without a timestamp was skipped");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("offset 1 of t-1"), errors.get(0).getMessage());
        assertNull(spout.getCurrentPartition(), "only during an emit");
        int fromTp1 = id(0).getTopicPartition().equals(tp1) ? 0 : 1;
        spout.fail(id(fromTp1));
        run(spout, 1);
        assertEquals("t-1@1000", eventTimes.get(2), "a retry keeps its record's time");
        spout.ack(id(1 - fromTp1));
        spout.ack(id(2));
        assertCommits(spout, 1, "partition 0 completed");
        assertEquals(2L, consumer.committed(Set.of(tp1)).get(tp1).offset(), "the skipped record is committed past");
    }

    @Test
    void aRecordLostOnItsWayThroughTheSpoutIsReadAgainOnceThePartitionHasStalledForThreeMessageTimeouts() {
        Time.startSimulating();
        try {
            KafkaSpout<String, String> spout = open(KafkaSpoutConfig.builder("h:1", TOPIC));
            throwOnEmitOf = 1;
            produce(0, 5);
            int thrown = 0;
            for (int i = 0; i < 8; i++) {
                try {
                    spout.nextTuple();
                } catch (IllegalStateException e) {
                    thrown++;
                }
            }
            assertEquals(1, thrown);
            assertEquals(List.of(0L, 2L, 3L, 4L), emits.stream().map(e -> ((KafkaSpoutMessageId) e[2]).offset()).toList());
            emits.forEach(e -> spout.ack(e[2]));
            Time.advanceTime(1_000);
            run(spout, 3);
            assertEquals(1L, committed(), "offset 1 never completed: nothing past it may be committed");

            // The default message timeout is 30 s: the partition is looked at after 90 s without progress.
            Time.advanceTime(89_000);
            run(spout, 3);
            assertEquals(4, emits.size(), "not stalled long enough to be read again");
            Time.advanceTime(1_000);
            run(spout, 3);
            produce(1, 4); // the broker still holds 1-4; MockConsumer forgets what it returned, so hand them again
            run(spout, 5);
            assertEquals(List.of(0L, 2L, 3L, 4L, 1L),
                    emits.stream().map(e -> ((KafkaSpoutMessageId) e[2]).offset()).toList(),
                    "only the lost record is emitted again, not the acked ones read with it");
            spout.ack(id(4));
            Time.advanceTime(1_000);
            run(spout, 3);
            assertEquals(5L, committed());
        } finally {
            Time.stopSimulating();
        }
    }
}
