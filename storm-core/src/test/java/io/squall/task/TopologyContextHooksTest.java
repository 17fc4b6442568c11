package io.squall.task;

import io.squall.hooks.BaseTaskHook;
import io.squall.hooks.ITaskHook;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologyContextHooksTest {
    @Test
    void getHooksListsTheHooksInTheOrderAddedAndCannotBeChanged() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words"),
                "t", 0, List.of(1));
        TopologyContext context = new TopologyContext(worker, 1);
        ITaskHook first = new BaseTaskHook();
        ITaskHook second = new BaseTaskHook();
        context.addTaskHook(first);
        context.addTaskHook(second);
        List<ITaskHook> hooks = context.getHooks();
        assertEquals(List.of(first, second), hooks);
        assertThrows(UnsupportedOperationException.class, () -> hooks.add(new BaseTaskHook()));
    }
}
