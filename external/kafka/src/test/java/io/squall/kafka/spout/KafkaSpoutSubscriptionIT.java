package io.squall.kafka.spout;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.kafka.SharedKafka;
import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.kafka.spout.subscription.TopicFilter;
import io.squall.task.TopologyContext;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A spout built with a user's topic filter and partitioner reads what they say, against a real broker. */
class KafkaSpoutSubscriptionIT {
    private static final String TOPIC = "subscribed";
    /** Each spout task's last share, by task index: the partitioner runs in the topology, the test reads it here. */
    private static final Map<Integer, Set<TopicPartition>> SHARES = new ConcurrentHashMap<>();

    /** Passes the even partitions of the topic only. */
    static final class EvenPartitions implements TopicFilter {
        private static final long serialVersionUID = 1L;
        private final NamedTopicFilter all = new NamedTopicFilter(TOPIC);

        @Override
        public Set<TopicPartition> getAllSubscribedPartitions(Consumer<?, ?> consumer) {
            return all.getAllSubscribedPartitions(consumer).stream().filter(tp -> tp.partition() % 2 == 0)
                    .collect(Collectors.toSet());
        }

        @Override
        public String getTopicsString() {
            return TOPIC + " (even partitions)";
        }
    }

    /** Gives every partition to the task with index 0. */
    static final class AllToTheFirstTask implements ManualPartitioner {
        private static final long serialVersionUID = 1L;

        @Override
        public Set<TopicPartition> getPartitionsForThisTask(List<TopicPartition> all, TopologyContext context) {
            Set<TopicPartition> mine = context.getThisTaskIndex() == 0 ? Set.copyOf(all) : Set.of();
            SHARES.put(context.getThisTaskIndex(), mine);
            return mine;
        }
    }

    @Test
    @Timeout(120)
    void readsOnlyThePartitionsTheFilterPassesOnTheTaskThePartitionerPicks() {
        SharedKafka.createTopic(TOPIC, 4);
        SharedKafka.produce(TOPIC, 0, 400);
        KafkaSpoutConfig<String, String> config = new KafkaSpoutConfig.Builder<String, String>(
                SharedKafka.bootstrap(), new EvenPartitions(), new AllToTheFirstTask())
                .setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setGroupId(TOPIC)
                .setOffsetCommitPeriodMs(300)
                .setPartitionRefreshPeriodMs(500)
                .build();
        Recorder.Seen seen = Recorder.seen(TOPIC);
        TopicPartition p0 = new TopicPartition(TOPIC, 0);
        TopicPartition p2 = new TopicPartition(TOPIC, 2);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology(TOPIC, KafkaSpoutIT.conf(),
                    KafkaSpoutIT.topology(config, 2, new Recorder(TOPIC, 0)).createTopology());
            Await.until(Duration.ofSeconds(60), () -> seen.distinct.size() >= 200,
                    () -> seen.distinct.size() + " of the 200 records of partitions 0 and 2");
            Map<TopicPartition, Long> end = SharedKafka.endOffsets(TOPIC);
            Await.until(Duration.ofSeconds(30), () -> {
                Map<TopicPartition, Long> committed = SharedKafka.committed(TOPIC, TOPIC);
                return end.get(p0).equals(committed.get(p0)) && end.get(p2).equals(committed.get(p2));
            }, () -> "group '" + TOPIC + "' (setGroupId) to commit partitions 0 and 2 to their ends " + end
                    + ", committed " + SharedKafka.committed(TOPIC, TOPIC));
            assertEquals(Set.of(0, 1), SHARES.keySet(), "both spout tasks asked the partitioner");
            assertEquals(Set.of(p0, p2), SHARES.get(0));
            assertEquals(Set.of(), SHARES.get(1));
            assertNull(cluster.getTopologyFailure(TOPIC));
        }
        assertEquals(200, seen.distinct.size());
        assertEquals(Set.of("0", "2"), seen.distinct.stream().map(id -> id.split(":")[0]).collect(Collectors.toSet()),
                "only the partitions the filter passes were read");
    }
}
