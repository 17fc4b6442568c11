package io.squall.trident;

import io.squall.topology.InvalidTopologyException;
import io.squall.topology.StormTopology;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.state.StateType;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.FixedOpaqueSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.squall.trident.Ops.row;
import static io.squall.trident.Ops.spout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildValidationTest {
    private static final Fields W = new Fields("w");

    private static FixedBatchSpout batchSpout() {
        return new FixedBatchSpout(W, 1, new Values("a"));
    }

    private static FixedOpaqueSpout opaqueSpout() {
        return new FixedOpaqueSpout(W, 1, List.of(List.of(row("a"))));
    }

    private static String warningFor(TridentTopology t) {
        t.build();
        assertEquals(1, t.getGuaranteeWarnings().size(), t.getGuaranteeWarnings().toString());
        return t.getGuaranteeWarnings().get(0);
    }

    @Test
    void flagsANonTransactionalSpoutIntoATransactionalState() {
        TridentTopology t = new TridentTopology();
        t.newStream("s", batchSpout()).groupBy(W)
                .persistentAggregate(new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Count(), new Fields("n"));
        String w = warningFor(t);
        assertTrue(w.contains("'s'") && w.contains("at-least-once") && w.contains("TRANSACTIONAL"), w);
    }

    @Test
    void flagsAnOpaqueSpoutIntoATransactionalState() {
        TridentTopology t = new TridentTopology();
        t.newStream("o", opaqueSpout()).shuffle().each(W, new Ops.NotWord("x"))
                .groupBy(W)
                .persistentAggregate(new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Count(), new Fields("n"));
        String w = warningFor(t);
        assertTrue(w.contains("opaque") && w.contains("lost"), w);
    }

    @Test
    void acceptsMatchingGuaranteesAndNonTransactionalStates() {
        TridentTopology t = new TridentTopology();
        t.newStream("o", opaqueSpout()).groupBy(W)
                .persistentAggregate(new MemoryMapState.Factory(StateType.OPAQUE), new Count(), new Fields("n"));
        t.newStream("t", spout(W, 1)).groupBy(W)
                .persistentAggregate(new MemoryMapState.Factory(StateType.TRANSACTIONAL), new Count(), new Fields("n"));
        t.newStream("b", batchSpout()).groupBy(W)
                .persistentAggregate(new MemoryMapState.Factory(StateType.NON_TRANSACTIONAL), new Count(),
                        new Fields("n"));
        StormTopology built = t.build();
        assertTrue(t.getGuaranteeWarnings().isEmpty(), t.getGuaranteeWarnings().toString());
        assertTrue(built.getComponents().containsKey("$spout-o"), built.getComponents().keySet().toString());
    }

    @Test
    void namesTheFieldAnOperationCannotFind() {
        Stream s = new TridentTopology().newStream("s", batchSpout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.each(new Fields("nope"), new Ops.Split(), new Fields("x")));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("[w]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.each(W, new Ops.Split(), new Fields("w")));
        assertTrue(e.getMessage().contains("already"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.groupBy(new Fields("k")));
        assertTrue(e.getMessage().contains("'k'"), e.getMessage());
    }

    @Test
    void refusesDuplicateTxIdsAndUnknownSpouts() {
        TridentTopology t = new TridentTopology();
        t.newStream("same", batchSpout());
        assertThrows(IllegalArgumentException.class, () -> t.newStream("same", batchSpout()));
        assertThrows(IllegalArgumentException.class, () -> t.newStream(" ", batchSpout()));
        assertThrows(InvalidTopologyException.class, () -> new TridentTopology().build());
    }

    @Test
    void runsABatchSpoutsPartWithItsParallelismHintAsStormDoes() {
        TridentTopology t = new TridentTopology();
        t.newStream("b", batchSpout()).each(W, new Ops.Split(), new Fields("x")).parallelismHint(4);
        StormTopology built = t.build();
        assertEquals(4, built.getComponent("$spout-b").getParallelism(), built.getComponents().keySet().toString());
    }

    @Test
    void refusesMergingNewValuesWithAProcessingStream() {
        TridentTopology t = new TridentTopology();
        Stream s = t.newStream("s", spout(W, 1));
        Stream counts = s.groupBy(W).persistentAggregate(new MemoryMapState.Factory(), new Count(), new Fields("n"))
                .newValuesStream().project(W);
        t.merge(s, counts);
        InvalidTopologyException e = assertThrows(InvalidTopologyException.class, t::build);
        assertTrue(e.getMessage().contains("new values"), e.getMessage());
    }

    @Test
    void refusesJoinsAndMergesOfMismatchedFields() {
        TridentTopology t = new TridentTopology();
        Stream a = t.newStream("a", spout(new Fields("k", "v"), 1));
        Stream b = t.newStream("b", spout(new Fields("k"), 1));
        assertThrows(IllegalArgumentException.class, () -> t.merge(a, b));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.join(a, new Fields("k"), b, new Fields("k"), new Fields("k")));
        assertTrue(e.getMessage().contains("must name 2 values"), e.getMessage());
    }
}
