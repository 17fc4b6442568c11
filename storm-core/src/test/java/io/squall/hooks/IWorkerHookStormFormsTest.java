package io.squall.hooks;

import io.squall.task.WorkerTopologyContext;
import io.squall.task.WorkerUserContext;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@SuppressWarnings("deprecation") // Storm's older start is what these hooks override and call.
class IWorkerHookStormFormsTest {
    private static WorkerUserContext worker() {
        return new WorkerUserContext(new WorkerTopologyContext(new TopologyBuilder().createTopology(), Map.of(),
                Map.of(), "t", 6700, List.of()));
    }

    /** A hook written for Storm before 2.5, overriding the start that takes a WorkerTopologyContext. */
    static final class OldStyleHook implements IWorkerHook {
        final List<Object> started = new ArrayList<>();

        @Override
        public void start(Map<String, Object> topoConf, WorkerTopologyContext context) {
            started.add(context);
        }

        @Override
        public void shutdown() {
        }
    }

    /** A hook written for Storm 2.5 and later. */
    static final class NewStyleHook implements IWorkerHook {
        final List<Object> started = new ArrayList<>();

        @Override
        public void start(Map<String, Object> topoConf, WorkerUserContext context) {
            context.setResource("r", "set");
            started.add(context);
        }

        @Override
        public void shutdown() {
        }
    }

    @Test
    void theWorkersStartReachesAHookWrittenForTheOlderStart() {
        WorkerUserContext context = worker();
        OldStyleHook hook = new OldStyleHook();
        hook.start(Map.of(), context); // What the worker calls.
        assertEquals(1, hook.started.size());
        assertSame(context, hook.started.get(0));
    }

    @Test
    void aHookForTheNewerStartIsCalledOnceAndSetsResources() {
        WorkerUserContext context = worker();
        NewStyleHook hook = new NewStyleHook();
        hook.start(Map.of(), context);
        assertEquals(List.of(context), hook.started);
        assertEquals("set", context.getResource("r"));
        // The older start, if some code calls it, does nothing for such a hook.
        hook.start(Map.of(), (WorkerTopologyContext) context);
        assertEquals(1, hook.started.size());
    }
}
