package io.squall.kafka.spout.trident;

import io.squall.kafka.spout.subscription.ManualPartitioner;
import io.squall.kafka.spout.subscription.NamedTopicFilter;
import io.squall.metrics.TaggedRegistry;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.IPartitionedTridentSpout;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Trident spouts give each task the partitions the configuration's ManualPartitioner picks. */
class KafkaTridentSpoutPartitionerTest {
    private static final List<KafkaTridentSpoutTopicPartition> ALL = List.of(
            new KafkaTridentSpoutTopicPartition("t", 0), new KafkaTridentSpoutTopicPartition("t", 1),
            new KafkaTridentSpoutTopicPartition("t", 2));

    /** The context of the task with index {@code index} of a component "kafka" with {@code tasks} tasks. */
    private static TopologyContext context(int index, int tasks) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("kafka", new NoSpout(), tasks);
        Map<Integer, String> taskToComponent = new HashMap<>();
        List<Integer> taskIds = new ArrayList<>();
        for (int t = 1; t <= tasks; t++) {
            taskToComponent.put(t, "kafka");
            taskIds.add(t);
        }
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), taskToComponent,
                "topo-1", 0, taskIds);
        return new TopologyContext(worker, index + 1, new TaggedRegistry());
    }

    private static KafkaTridentSpoutConfig<String, String> config(ManualPartitioner partitioner) {
        return new KafkaTridentSpoutConfig.Builder<String, String>("127.0.0.1:1", new NamedTopicFilter("t"),
                partitioner)
                .setProp(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .setProp(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)
                .build();
    }

    private static List<KafkaTridentSpoutTopicPartition> opaqueShare(KafkaTridentSpoutConfig<String, String> c,
                                                                     int index, int tasks) {
        IOpaquePartitionedTridentSpout.Emitter<List<KafkaTridentSpoutTopicPartition>,
                KafkaTridentSpoutTopicPartition, KafkaTridentSpoutBatchMetadata> e =
                new KafkaTridentSpoutOpaque<>(c).getEmitter(Map.of(), context(index, tasks));
        try {
            return e.getPartitionsForTask(index, tasks, ALL);
        } finally {
            e.close();
        }
    }

    private static List<KafkaTridentSpoutTopicPartition> transactionalShare(KafkaTridentSpoutConfig<String, String> c,
                                                                            int index, int tasks) {
        IPartitionedTridentSpout.Emitter<List<KafkaTridentSpoutTopicPartition>,
                KafkaTridentSpoutTopicPartition, KafkaTridentSpoutBatchMetadata> e =
                new KafkaTridentSpoutTransactional<>(c).getEmitter(Map.of(), context(index, tasks));
        try {
            return e.getPartitionsForTask(index, tasks, ALL);
        } finally {
            e.close();
        }
    }

    @Test
    void aUsersPartitionerDecidesEachTasksShare() {
        KafkaTridentSpoutConfig<String, String> c = config((all, context) ->
                context.getThisTaskIndex() == 1 ? Set.copyOf(all) : Set.of());
        assertEquals(List.of(), opaqueShare(c, 0, 2));
        assertEquals(ALL, opaqueShare(c, 1, 2));
        assertEquals(List.of(), transactionalShare(c, 0, 2));
        assertEquals(ALL, transactionalShare(c, 1, 2));
    }

    @Test
    void theDefaultPartitionerDealsRoundRobin() {
        KafkaTridentSpoutConfig<String, String> c = KafkaTridentSpoutConfig.builder("127.0.0.1:1", "t").build();
        assertEquals(List.of(ALL.get(0), ALL.get(2)), opaqueShare(c, 0, 2));
        assertEquals(List.of(ALL.get(1)), transactionalShare(c, 1, 2));
    }

    private static final class NoSpout extends BaseRichSpout {
        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        }

        @Override
        public void nextTuple() {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
        }
    }
}
