package io.squall.trident.planner;

import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.plan.Partitioning;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logical plan: fields through operations, parts cut at repartitionings, and the checks on what is asked. */
class GraphTest {
    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                collector.emit(new Values(w));
            }
        }
    }

    private final Graph graph = new Graph();
    private final Graph.Node sentences = graph.spout("s", new FixedBatchSpout(new Fields("sentence"), 2,
            new Values("a b")));

    @Test
    void eachAppendsTheFunctionsFieldsAndProjectKeepsOnlyThoseAsked() {
        Graph.Node words = graph.each(sentences, new Fields("sentence"), new Split(), new Fields("word"));
        assertEquals(List.of("sentence", "word"), words.fields().toList());
        assertEquals(List.of("word"), graph.project(words, new Fields("word")).fields().toList());
        assertSame(words.group, sentences.group, "operations without a repartitioning stay in the spout's part");
    }

    @Test
    void aRepartitioningStartsANewPartFedByOneEdge() {
        Graph.Node words = graph.each(sentences, new Fields("sentence"), new Split(), new Fields("word"));
        Graph.Node moved = graph.partition(words, Partitioning.FIELDS, new Fields("word"));
        assertTrue(moved.group != words.group);
        assertEquals(1, moved.group.inputs.size());
        Graph.Edge e = moved.group.inputs.get(0);
        assertSame(words, e.from());
        assertSame(moved, e.entry());
        assertEquals(Partitioning.FIELDS, e.partitioning());
    }

    @Test
    void aCombinerCombinesInItsPartThenAgainAfterMovingByTheGroup() {
        Graph.Node words = graph.each(sentences, new Fields("sentence"), new Split(), new Fields("word"));
        Graph.Node counts = graph.persistentCombine(words, new MemoryMapState.Factory(), new Fields("word"),
                new Fields("word"), new Count(), new Fields("count"), Partitioning.GLOBAL);
        assertEquals(List.of("word", "count"), counts.fields().toList());
        assertEquals(Partitioning.FIELDS, counts.group.inputs.get(0).partitioning());
        assertTrue(sentences.group.nodes.size() == 3, "spout, split and the partial combine in the first part");
    }

    @Test
    void leavesAreTheOperationsNothingFollowsAcrossParts() {
        Graph.Node words = graph.each(sentences, new Fields("sentence"), new Split(), new Fields("word"));
        Graph.Node a = graph.project(graph.partition(words, Partitioning.SHUFFLE, null), new Fields("word"));
        Graph.Node b = graph.project(words, new Fields("sentence"));
        assertEquals(List.of(b, a), graph.leavesFrom(sentences));
    }

    @Test
    void refusesWhatCannotRunNamingIt() {
        assertEquals("each: field 'nope' is not in the stream's fields [sentence]",
                assertThrows(IllegalArgumentException.class, () -> graph.each(sentences, new Fields("nope"),
                        new Split(), new Fields("word"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.each(sentences, new Fields("sentence"),
                new Split(), new Fields("sentence"))).getMessage().contains("already in the stream's fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.spout("s",
                new FixedBatchSpout(new Fields("x"), 1))).getMessage().contains("already used"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.spout("t", "not a spout"))
                .getMessage().contains("java.lang.String"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.name(sentences, "__x"))
                .getMessage().contains("'__'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.parallelism(sentences, 0))
                .getMessage().contains("at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.merge(List.of(sentences),
                new Fields("x"))).getMessage().contains("at least two"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> graph.lateTuples(sentences))
                .getMessage().contains("withLateTupleStream"));
    }
}
