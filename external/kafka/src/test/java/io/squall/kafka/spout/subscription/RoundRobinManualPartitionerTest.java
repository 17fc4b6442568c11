package io.squall.kafka.spout.subscription;

import io.squall.metrics.TaggedRegistry;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.base.BaseRichSpout;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The default partitioner deals partitions out like cards, each to exactly one task. */
class RoundRobinManualPartitionerTest {

    /** The context of task {@code taskId} (1..tasks) of a spout component "kafka" with {@code tasks} tasks. */
    static TopologyContext context(int taskId, int tasks) {
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
        return new TopologyContext(worker, taskId, new TaggedRegistry());
    }

    @Test
    void taskIOfNTakesEveryNthPartitionStartingAtI() {
        List<TopicPartition> all = List.of(new TopicPartition("a", 0), new TopicPartition("a", 1),
                new TopicPartition("a", 2), new TopicPartition("b", 0), new TopicPartition("b", 1));
        RoundRobinManualPartitioner p = new RoundRobinManualPartitioner();
        assertEquals(Set.of(all.get(0), all.get(3)), p.getPartitionsForThisTask(all, context(1, 3)));
        assertEquals(Set.of(all.get(1), all.get(4)), p.getPartitionsForThisTask(all, context(2, 3)));
        assertEquals(Set.of(all.get(2)), p.getPartitionsForThisTask(all, context(3, 3)));
    }

    @Test
    void everyPartitionGoesToExactlyOneTaskAndATaskWithoutOneGetsNone() {
        List<TopicPartition> all = List.of(new TopicPartition("a", 0), new TopicPartition("a", 1));
        RoundRobinManualPartitioner p = new RoundRobinManualPartitioner();
        Set<TopicPartition> seen = new HashSet<>();
        int total = 0;
        for (int task = 1; task <= 3; task++) {
            Set<TopicPartition> mine = p.getPartitionsForThisTask(all, context(task, 3));
            seen.addAll(mine);
            total += mine.size();
        }
        assertEquals(new HashSet<>(all), seen);
        assertEquals(all.size(), total, "no partition is given twice");
        assertTrue(p.getPartitionsForThisTask(all, context(3, 3)).isEmpty());
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
