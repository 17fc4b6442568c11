package io.squall.task;

import io.squall.runtime.TaskLayout;
import io.squall.runtime.Worker;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.Clock;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Storm's executor data: what the tasks of one executor share through their contexts. */
class TopologyContextExecutorDataTest {
    /** A worker whose "count" bolt runs four tasks in two executors, two tasks each. */
    private static Worker worker() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 2).setNumTasks(4).fieldsGrouping("words", new Fields("word"));
        Map<String, Object> conf = new HashMap<>();
        return new Worker("executor-data", b.createTopology(), conf, TopologyContextExecutorDataTest.class
                .getClassLoader(), true, Clock.SYSTEM, e -> { });
    }

    @Test
    void theTasksOfOneExecutorShareItsDataAndOtherExecutorsDoNot() {
        Worker worker = worker();
        List<int[]> countExecutors = worker.layout().executors().stream()
                .filter(et -> et.componentId().equals("count")).map(TaskLayout.ExecutorTasks::tasks).toList();
        assertEquals(2, countExecutors.size());
        int[] first = countExecutors.get(0);
        int[] second = countExecutors.get(1);
        assertEquals(2, first.length);

        TopologyContext a = worker.newTopologyContext(first[0]);
        TopologyContext b = worker.newTopologyContext(first[1]);
        TopologyContext other = worker.newTopologyContext(second[0]);
        Object pool = new Object();
        a.setExecutorData("pool", pool);
        assertSame(pool, b.getExecutorData("pool"), "a task of the same executor sees it");
        assertNull(other.getExecutorData("pool"), "a task of another executor of the component does not");
        other.setExecutorData("pool", new Object());
        assertNotSame(pool, other.getExecutorData("pool"));
        assertSame(pool, a.getExecutorData("pool"));
    }

    @Test
    void executorDataIsNotTaskData() {
        Worker worker = worker();
        int task = worker.layout().executors().stream().filter(et -> et.componentId().equals("count"))
                .findFirst().orElseThrow().tasks()[0];
        TopologyContext context = worker.newTopologyContext(task);
        context.setTaskData("k", "task");
        context.setExecutorData("k", "executor");
        assertEquals("task", context.getTaskData("k"));
        assertEquals("executor", context.getExecutorData("k"));
    }

    @Test
    void aContextMadeWithoutAnExecutorHasDataOfItsOwn() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words"),
                "t", 0, List.of(1));
        TopologyContext one = new TopologyContext(worker, 1);
        TopologyContext two = new TopologyContext(worker, 1);
        one.setExecutorData("x", 1);
        assertEquals(1, one.getExecutorData("x"));
        assertNull(two.getExecutorData("x"));
    }
}
