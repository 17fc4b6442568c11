package io.squall.tuple;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TupleImplTest {
    private static final TupleSource SOURCE = new TupleSource("spout", "default", new Fields("word"), 3);

    @Test
    void aSingleTreeTupleAnswersLikeOneWithAMessageId() {
        TupleImpl inline = TupleImpl.ofTree(SOURCE, List.of("a"), 11L, 22L);
        TupleImpl withId = new TupleImpl(SOURCE, List.of("a"), MessageId.of(11L, 22L));
        assertTrue(inline.isSingleTree());
        assertFalse(withId.isSingleTree());
        for (TupleImpl t : List.of(inline, withId)) {
            assertEquals(1, t.treeCount());
            assertEquals(11L, t.treeRoot(0));
            assertEquals(22L, t.treeEdge(0));
            assertEquals(MessageId.of(11L, 22L), t.getMessageId());
            assertEquals("spout", t.getSourceComponent());
            assertEquals("default", t.getSourceStreamId());
            assertEquals(3, t.getSourceTask());
            assertEquals(new Fields("word"), t.getFields());
            assertEquals("a", t.getValueByField("word"));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> inline.treeRoot(1));
        assertThrows(IndexOutOfBoundsException.class, () -> withId.treeRoot(1));
    }

    @Test
    void aTreesFirstTupleComputesItsEdgeFromTheRoot() {
        long root = (12345L << 20) | 3;
        TupleImpl first = TupleImpl.firstOfTree(SOURCE, List.of("a"), root);
        long edge = TupleImpl.firstEdge(root);
        assertTrue(first.isSingleTree());
        assertEquals(1, first.treeCount());
        assertEquals(root, first.treeRoot(0));
        assertEquals(edge, first.treeEdge(0));
        assertEquals(MessageId.of(root, edge), first.getMessageId());
        assertThrows(IndexOutOfBoundsException.class, () -> first.treeEdge(1));
        assertThrows(IllegalArgumentException.class, () -> TupleImpl.firstOfTree(SOURCE, List.of("a"), 0));
        TupleImpl copy = first.compact();
        assertEquals(root, copy.treeRoot(0));
        assertEquals(edge, copy.treeEdge(0), "a held copy keeps the edge");
    }

    @Test
    void consecutiveRootsGetDistinctScatteredFirstEdges() {
        Set<Long> edges = new HashSet<>();
        long bitsSet = 0;
        for (long seq = 0; seq < 100_000; seq++) {
            long edge = TupleImpl.firstEdge((seq << 20) | 1);
            assertTrue(edges.add(edge), "edge repeated at sequence " + seq);
            bitsSet += Long.bitCount(edge);
        }
        assertEquals(32.0, bitsSet / 100_000.0, 0.1, "about half the bits of each edge are set");
        assertFalse(edges.contains(0L));
    }

    @Test
    void theAckValueOfASingleTreeTupleCollectsItsChildrensEdges() {
        TupleImpl t = TupleImpl.ofTree(SOURCE, List.of("a"), 11L, 22L);
        t.xorAckVal(5);
        t.xorAckVal(9);
        assertEquals(5 ^ 9, t.ackVal());
    }

    @Test
    void countsTheTreesOfAnyMessageId() {
        assertEquals(0, new TupleImpl(SOURCE, List.of("a"), MessageId.unanchored()).treeCount());
        TupleImpl two = new TupleImpl(SOURCE, List.of("a"), MessageId.of(new long[] {1, 2}, new long[] {3, 4}));
        assertEquals(2, two.treeCount());
        assertEquals(2L, two.treeRoot(1));
        assertEquals(4L, two.treeEdge(1));
    }

    @Test
    void aCompactCopyOfATupleWithOneValueAnswersAsTheTupleAndKeepsItsAckValue() {
        TupleImpl t = TupleImpl.ofTree(SOURCE, new Values("a"), 11L, 22L);
        t.xorAckVal(5);
        TupleImpl copy = t.compact();
        assertNotSame(t, copy);
        assertEquals(1, copy.treeCount());
        assertTrue(copy.isSingleTree());
        assertEquals(11L, copy.treeRoot(0));
        assertEquals(22L, copy.treeEdge(0));
        assertEquals(MessageId.of(11L, 22L), copy.getMessageId());
        assertEquals(5, copy.ackVal());
        copy.xorAckVal(9);
        assertEquals(5 ^ 9, copy.ackVal());
        assertEquals(5, t.ackVal());
        assertEquals(SOURCE, copy.source());
        assertEquals(1, copy.size());
        assertEquals("a", copy.getValue(0));
        assertEquals("a", copy.getStringByField("word"));
        assertEquals(List.of("a"), copy.getValues());
        assertEquals(List.of("a"), copy.select(new Fields("word")));
        assertThrows(IndexOutOfBoundsException.class, () -> copy.getValue(1));
        assertThrows(IndexOutOfBoundsException.class, () -> copy.treeRoot(1));
        assertThrows(UnsupportedOperationException.class, () -> copy.getValues().add("b"));
        assertSame(copy, copy.compact());
        assertEquals(t.toString(), copy.toString());
    }

    @Test
    void aCompactCopyOfATupleInNoTreeIsInNoTreeAndKeepsANullValue() {
        TupleImpl t = new TupleImpl(SOURCE, java.util.Arrays.asList((Object) null), MessageId.unanchored());
        TupleImpl copy = t.compact();
        assertNotSame(t, copy);
        assertEquals(0, copy.treeCount());
        assertFalse(copy.isSingleTree());
        assertTrue(copy.getMessageId().isUnanchored());
        assertNull(copy.getValue(0));
        assertThrows(IndexOutOfBoundsException.class, () -> copy.treeRoot(0));
    }

    @Test
    void aCompactCopyOfATupleWithSeveralValuesKeepsThemInOrderAndReadOnly() {
        TupleSource pairs = new TupleSource("spout", "default", new Fields("word", "count"), 3);
        Values values = new Values("a", 2L);
        TupleImpl t = TupleImpl.ofTree(pairs, values, 11L, 22L);
        t.xorAckVal(5);
        TupleImpl copy = t.compact();
        values.set(0, "changed after the copy");
        assertNotSame(t, copy);
        assertEquals(11L, copy.treeRoot(0));
        assertEquals(22L, copy.treeEdge(0));
        assertEquals(5, copy.ackVal());
        assertEquals(2, copy.size());
        assertEquals("a", copy.getStringByField("word"));
        assertEquals(2L, copy.getLong(1));
        assertEquals(List.of("a", 2L), copy.getValues());
        assertEquals(List.of(2L), copy.select(new Fields("count")));
        assertThrows(IndexOutOfBoundsException.class, () -> copy.getValue(2));
        assertThrows(UnsupportedOperationException.class, () -> copy.getValues().set(0, "b"));
        assertSame(copy, copy.compact());
    }

    @Test
    void tuplesACopyWouldNotMakeSmallerAreTheirOwnCompactForm() {
        TupleImpl noValues = TupleImpl.ofTree(SOURCE, List.of(), 11L, 22L);
        TupleImpl twoTrees = new TupleImpl(SOURCE, List.of("a"),
                MessageId.of(new long[] {1, 2}, new long[] {3, 4}));
        TupleImpl keyed = new TupleImpl(SOURCE, List.of("a"), MessageId.of(1L, 2L, new long[] {7}));
        assertSame(noValues, noValues.compact());
        assertSame(twoTrees, twoTrees.compact());
        assertSame(keyed, keyed.compact());
    }

    @Test
    void refusesRootZero() {
        assertThrows(IllegalArgumentException.class, () -> TupleImpl.ofTree(SOURCE, List.of("a"), 0L, 1L));
    }

    @Test
    void theOldConstructorKeepsItsSource() {
        TupleImpl t = new TupleImpl("bolt", "s", new Fields("x"), 9, List.of(1), MessageId.unanchored());
        assertEquals("bolt", t.source().componentId());
        assertEquals(9, t.source().task());
        assertEquals("bolt", t.getSourceGlobalStreamId().getComponentId());
    }
}
