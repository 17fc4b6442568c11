package io.squall.trident.planner;

import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;
import io.squall.trident.coordinator.MasterBatchCoordinator;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.planner.GraphTest.Split;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.FixedOpaqueSpout;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A plan compiled into an ordinary topology: components, their wiring, and what it refuses or warns about. */
class CompilerTest {
    private final Graph graph = new Graph();

    private Graph.Node words(Object spout) {
        Graph.Node s = graph.spout("s", spout);
        return graph.each(s, new Fields("sentence"), new Split(), new Fields("word"));
    }

    private static FixedBatchSpout batchSpout() {
        return new FixedBatchSpout(new Fields("sentence"), 2, new Values("a b"));
    }

    private static Set<String> inputsOf(StormTopology t, String component) {
        Set<String> in = new TreeSet<>();
        for (GlobalStreamId id : t.getComponent(component).getInputs().keySet()) {
            in.add(id.get_componentId() + "/" + id.get_streamId());
        }
        return in;
    }

    @Test
    void compilesACoordinatorAndOneBoltPerPartWiredByDirectStreams() {
        Graph.Node counted = graph.persistentAggregate(graph.partition(words(batchSpout()), Partitioning.FIELDS,
                new Fields("word")), new MemoryMapState.Factory(StateType.NON_TRANSACTIONAL), new Fields("word"),
                new Fields("word"), new Count(), new Fields("count"));
        graph.parallelism(counted, 3);
        graph.name(counted, "counts");
        StormTopology t = graph.build();
        Map<String, ComponentSpec> components = t.getComponents();
        assertEquals(Set.of(Graph.COORDINATOR_ID, "$spout-s", "b-1-counts"), components.keySet());
        assertEquals(ComponentSpec.Kind.SPOUT, components.get(Graph.COORDINATOR_ID).getKind());
        assertEquals(3, components.get("b-1-counts").getParallelism());
        String mbc = Graph.COORDINATOR_ID + "/";
        assertEquals(Set.of(mbc + MasterBatchCoordinator.BATCH_STREAM, mbc + MasterBatchCoordinator.SUCCESS_STREAM),
                inputsOf(t, "$spout-s"));
        assertEquals(Set.of("$spout-s/e0", mbc + MasterBatchCoordinator.COMMIT_STREAM,
                mbc + MasterBatchCoordinator.SUCCESS_STREAM), inputsOf(t, "b-1-counts"),
                "the state's part runs at commit");
        t.getComponent("b-1-counts").getInputs().forEach((id, grouping) -> assertEquals(
                id.get_componentId().equals(Graph.COORDINATOR_ID) ? Grouping.Type.ALL : Grouping.Type.DIRECT,
                grouping.getType(), id.toString()));
        assertEquals(List.of(), graph.warnings());
    }

    @Test
    void runsTheSpoutPartOfAnIBatchSpoutWithItsParallelismAsStormDoes() {
        Graph.Node w = words(batchSpout());
        graph.parallelism(w, 2);
        StormTopology t = graph.build();
        assertEquals(2, t.getComponent("$spout-s").getParallelism());
        String mbc = Graph.COORDINATOR_ID + "/";
        assertEquals(Set.of(mbc + MasterBatchCoordinator.BATCH_STREAM, mbc + MasterBatchCoordinator.SUCCESS_STREAM),
                inputsOf(t, "$spout-s"), "every task gets every batch and every success");
    }

    @Test
    void warnsWhenASpoutCannotGiveItsStateExactlyOnce() {
        graph.persistentAggregate(words(batchSpout()), new MemoryMapState.Factory(StateType.OPAQUE),
                new Fields("word"), new Fields("word"), new Count(), new Fields("count"));
        graph.build();
        assertEquals(1, graph.warnings().size());
        assertTrue(graph.warnings().get(0).contains("at-least-once"), graph.warnings().get(0));

        Graph opaque = new Graph();
        Graph.Node s = opaque.spout("o", new FixedOpaqueSpout(new Fields("sentence"), 1,
                List.of(List.of(new Values("a")))));
        opaque.persistentAggregate(s, new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Fields("sentence"),
                new Fields("sentence"), new Count(), new Fields("count"));
        opaque.build();
        assertTrue(opaque.warnings().get(0).contains("use an opaque state"), opaque.warnings().get(0));
    }

    @Test
    void aTransactionalSpoutWithATransactionalStateIsExactlyOnceWithoutWarning() {
        Graph.Node s = graph.spout("t", new FixedTransactionalSpout(new Fields("sentence"), 1,
                List.of(List.of(new Values("a")))));
        graph.persistentAggregate(s, new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Fields("sentence"),
                new Fields("sentence"), new Count(), new Fields("count"));
        graph.build();
        assertEquals(List.of(), graph.warnings());
    }

    @Test
    void refusesToMergeAStatesNewValuesWithAStreamOfTheSameBatch() {
        Graph.Node w = words(batchSpout());
        Graph.Node counts = graph.persistentAggregate(graph.partition(w, Partitioning.FIELDS, new Fields("word")),
                new MemoryMapState.Factory(StateType.NON_TRANSACTIONAL), new Fields("word"), new Fields("word"),
                new Count(), new Fields("count"));
        graph.merge(List.of(counts, graph.project(graph.each(w, new Fields("word"), new Split(), new Fields("part")),
                new Fields("word", "part"))), new Fields("a", "b"));
        String msg = assertThrows(InvalidTopologyException.class, graph::build).getMessage();
        assertTrue(msg.contains("commits"), msg);
    }

    @Test
    void refusesAPlanWithoutStreams() {
        assertTrue(assertThrows(InvalidTopologyException.class, () -> new Graph().build()).getMessage()
                .contains("newStream"));
    }
}
