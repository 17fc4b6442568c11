package io.squall.kafka.spout;

import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.kafka.spout.subscription.RoundRobinManualPartitioner;
import io.squall.kafka.spout.subscription.TopicFilter;
import io.squall.metrics.TaggedRegistry;
import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.TopologyBuilder;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the spout uses its topic filter and partitioner, against Kafka's MockConsumer. */
class KafkaSpoutSubscriptionTest {
    private static final TopicPartition T0 = new TopicPartition("t", 0);
    private static final TopicPartition T1 = new TopicPartition("t", 1);

    private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
    private final List<KafkaSpoutMessageId> emitted = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private KafkaSpout<String, String> open(TopicFilter filter, ManualPartitioner partitioner) {
        consumer.updatePartitions("t", List.of(new PartitionInfo("t", 0, Node.noNode(), new Node[0], new Node[0]),
                new PartitionInfo("t", 1, Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(T0, 0L, T1, 0L));
        KafkaSpoutConfig<String, String> config = withStrings(new KafkaSpoutConfig.Builder<>("h:1", filter,
                partitioner)).setPartitionRefreshPeriodMs(1).build();
        KafkaSpout<String, String> spout = new KafkaSpout<>(config, props -> consumer);
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new KafkaSpout<>(config));
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "kafka"),
                "topo-1", 0, List.of(1));
        spout.open(Map.of(), new TopologyContext(worker, 1, new TaggedRegistry()),
                new SpoutOutputCollector(new Recording()));
        return spout;
    }

    private static KafkaSpoutConfig.Builder<String, String> withStrings(KafkaSpoutConfig.Builder<String, String> b) {
        return b.setProp("key.deserializer", StringDeserializer.class)
                .setProp("value.deserializer", StringDeserializer.class);
    }

    private void produce(TopicPartition tp, int count) {
        for (int i = 0; i < count; i++) {
            consumer.addRecord(new ConsumerRecord<>(tp.topic(), tp.partition(), i, "k", "v" + i));
        }
    }

    private void run(KafkaSpout<String, String> spout, int calls) {
        for (int i = 0; i < calls; i++) {
            spout.nextTuple();
        }
    }

    @Test
    void aFilterThatThrowsIsReportedAndAskedAgainUntilItAnswers() {
        FailingOnceFilter filter = new FailingOnceFilter();
        KafkaSpout<String, String> spout = open(filter, new RoundRobinManualPartitioner());
        spout.nextTuple();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains(FailingOnceFilter.class.getName())
                && errors.get(0).getMessage().contains("injected"), errors.get(0).getMessage());
        assertTrue(spout.getPartitions().isEmpty());
        sleepPastRefresh();
        spout.nextTuple();
        assertEquals(Set.of(T1), spout.getPartitions(), "the filter's answer once it gives one");
        produce(T1, 3);
        run(spout, 10);
        assertEquals(3, emitted.size());
        assertTrue(emitted.stream().allMatch(id -> id.getTopicPartition().equals(T1)));
    }

    @Test
    void thePartitionerPicksTheTasksShareAndOneThatReturnsNullIsReported() {
        KafkaSpout<String, String> spout = open(new NamedTopicFilter("t"), (all, context) -> Set.of(T0));
        spout.nextTuple();
        assertEquals(Set.of(T0), spout.getPartitions());
        produce(T0, 2);
        run(spout, 10);
        assertEquals(2, emitted.size());
        assertTrue(errors.isEmpty(), errors.toString());

        KafkaSpout<String, String> broken = open(new NamedTopicFilter("t"), (all, context) -> null);
        broken.nextTuple();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("returned null"), errors.get(0).getMessage());
        assertTrue(broken.getPartitions().isEmpty());
    }

    @Test
    void aNamedTopicThatDoesNotExistIsStillReportedByName() {
        KafkaSpout<String, String> spout = open(new NamedTopicFilter("t", "nope"), new RoundRobinManualPartitioner());
        spout.nextTuple();
        assertEquals(Set.of(T0, T1), spout.getPartitions());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("[nope] do not exist"), errors.get(0).getMessage());
    }

    private static void sleepPastRefresh() {
        // The refresh period is 1 ms: the next call must come in a later millisecond.
        long start = System.currentTimeMillis();
        while (System.currentTimeMillis() <= start + 1) {
            Thread.onSpinWait();
        }
    }

    /** Throws at its first listing, then passes partition 1 of "t" only. */
    static final class FailingOnceFilter implements TopicFilter {
        private static final long serialVersionUID = 1L;
        private boolean failed;

        @Override
        public Set<TopicPartition> getAllSubscribedPartitions(Consumer<?, ?> consumer) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("injected: the filter's lookup failed");
            }
            return Set.of(T1);
        }

        @Override
        public String getTopicsString() {
            return "t";
        }
    }

    private final class Recording implements ISpoutOutputCollector {
        @Override
        public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
            emitted.add((KafkaSpoutMessageId) messageId);
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
            throw new AssertionError("no direct emits");
        }

        @Override
        public void reportError(Throwable error) {
            errors.add(error);
        }

        @Override
        public long getPendingCount() {
            return 0;
        }
    }
}
