package io.squall.runtime.executor;

import io.squall.runtime.TaskLayout;
import io.squall.runtime.routing.Route;
import io.squall.runtime.routing.Router;
import io.squall.task.WorkerTopologyContext;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmitsTest {
    /** The default stream of "words" (one field, "word"), as its task sees it. */
    private static Route wordsRoute() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter()).shuffleGrouping("words");
        StormTopology t = b.createTopology();
        TaskLayout layout = new TaskLayout(t, 0);
        int words = layout.taskToComponent().entrySet().stream().filter(e -> e.getValue().equals("words"))
                .findFirst().orElseThrow().getKey();
        WorkerTopologyContext context = new WorkerTopologyContext(t, Map.of(), layout.taskToComponent(), "t", 0,
                List.copyOf(layout.taskToComponent().keySet()));
        return new Router(context, words).route(Utils.DEFAULT_STREAM_ID);
    }

    @Test
    void anEmitWithAsManyValuesAsTheStreamHasFieldsPassesAndAnyOtherCountIsRefused() {
        Route route = wordsRoute();
        assertEquals(route.fields().size(), route.arity());
        assertDoesNotThrow(() -> Emits.checkArity(route, List.of("nathan")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Emits.checkArity(route, List.of("nathan", 2)));
        assertTrue(e.getMessage().contains("emitted 2 values on stream 'default', which declares 1 fields [word]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Emits.checkArity(route, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Emits.checkArity(route, null));
    }
}
