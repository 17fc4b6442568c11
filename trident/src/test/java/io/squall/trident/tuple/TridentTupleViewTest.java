package io.squall.trident.tuple;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TridentTupleViewTest {
    private static final Fields FIELDS = new Fields("sentence", "word", "n");

    @Test
    void aTupleOfAPrefixAndASuffixReadsLikeOneList() {
        TridentTupleView t = TridentTupleView.of(FIELDS, List.of("a b"), Arrays.asList("a", 1L));
        assertEquals(3, t.size());
        assertEquals("a", t.getStringByField("word"));
        assertEquals(1L, t.getLong(2));
        assertEquals(List.of("a b", "a", 1L), t.getValues());
        assertEquals(List.of("a b", "a", 1L), t.toWire());
        assertEquals(new TridentTupleView(FIELDS, List.of("a b", "a", 1L)), t);
        assertEquals(List.of("a", 1L), t.project(new Fields("word", "n")).getValues());
    }

    @Test
    void aFreshTupleBuiltByHandReadsThroughEveryGetter() {
        TridentTuple t = TridentTupleView.createFreshTuple(FIELDS, "a b", "a", 1L);
        assertEquals("a", t.getStringByField("word"));
        assertEquals(1L, t.getLongByField("n"));
        assertEquals("a b", t.getValueByField("sentence"));
        assertEquals("a b", t.getString(0));
        assertEquals(List.of(1L, "a"), t.select(new Fields("n", "word")));
        assertEquals(FIELDS, t.getFields());
        assertTrue(t.contains("n"));
        assertEquals(2, t.fieldIndex("n"));
        assertEquals(List.of("a b", "a", 1L), t);
    }

    @Test
    void aFreshTupleOfAListCopiesItAndChecksItsSize() {
        List<Object> values = new ArrayList<>(List.of("a b", "a", 1L));
        TridentTuple t = TridentTupleView.createFreshTuple(FIELDS, values);
        values.set(1, "changed");
        assertEquals("a", t.getStringByField("word"));
        Object[] array = {"x", "y", 2L};
        TridentTuple fromArray = TridentTupleView.createFreshTuple(FIELDS, array);
        array[0] = "changed";
        assertEquals("x", fromArray.getString(0));
        assertThrows(IllegalArgumentException.class, () -> TridentTupleView.createFreshTuple(FIELDS, "only one"));
        assertThrows(IllegalArgumentException.class, () -> TridentTupleView.createFreshTuple(FIELDS, List.of()));
    }

    @Test
    void theEmptyTupleHasNoFieldsAndNoValues() {
        assertEquals(0, TridentTupleView.EMPTY_TUPLE.size());
        assertEquals(0, TridentTupleView.EMPTY_TUPLE.getFields().size());
        assertEquals(List.of(), TridentTupleView.EMPTY_TUPLE.getValues());
    }

    @Test
    void copiesTheValuesSoTheEmitterMayReuseItsList() {
        List<Object> reused = new ArrayList<>(List.of("a", 1L));
        TridentTupleView t = TridentTupleView.of(FIELDS, List.of("a b"), reused);
        reused.set(0, "b");
        assertEquals("a", t.getString(1));
    }

    @Test
    void copiesFromValuesFromAnotherTupleAndFromAnyList() {
        Object[] into = new Object[5];
        TridentTupleView.copy(new Values("a", 1L), into, 0);
        TridentTupleView.copy(TridentTupleView.of(new Fields("x"), List.of(), List.of("b")), into, 2);
        TridentTupleView.copy(new LinkedList<>(List.of("c", 2L)), into, 3);
        assertEquals(Arrays.asList("a", 1L, "b", "c", 2L), Arrays.asList(into));
    }

    @Test
    void readsAValueByIndexOrNameFromItsArray() {
        TridentTupleView t = TridentTupleView.of(FIELDS, List.of("a b"), new Values("a", 1L));
        assertEquals("a b", t.getValue(0));
        assertEquals(1L, t.getValueByField("n"));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getValue(3));
    }

    @Test
    void itsValuesCanBeSerializedAsAStateKey() throws IOException {
        TridentTupleView t = TridentTupleView.of(FIELDS, List.of("a b"), List.of("a", 1L));
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(t.getValues());
        }
        assertTrue(t.getValues() instanceof java.io.Serializable);
    }

    @Test
    void refusesValuesThatTheFieldsDoNotName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TridentTupleView.of(FIELDS, List.of("a b"), List.of("a")));
        assertTrue(e.getMessage().contains("[sentence, word, n]"), e.getMessage());
    }
}
