package io.squall.testing;

import io.squall.Testing;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestingTest {
    @Test
    void testTupleHasStormsDefaultsAndTheGivenNames() {
        Tuple t = Testing.testTuple(new Values("a", 1));
        assertEquals("default", t.getSourceStreamId());
        assertEquals("a", t.getStringByField("field1"));
        assertEquals(1, t.getIntegerByField("field2"));
        MkTupleParam param = new MkTupleParam();
        param.setStream("s");
        param.setComponent("c");
        param.setFields("word", "n");
        Tuple named = Testing.testTuple(new Values("b", 2), param);
        assertEquals("c", named.getSourceComponent());
        assertEquals("s", named.getSourceStreamId());
        assertEquals("b", named.getStringByField("word"));
        param.setFields("only");
        assertThrows(IllegalArgumentException.class, () -> Testing.testTuple(new Values("b", 2), param));
    }

    @Test
    void readTuplesPicksAComponentsStreamAndMultisetsIgnoreOrder() {
        MockedSources sources = new MockedSources();
        sources.addMockData("spout", new Values("a"), new Values("b"));
        sources.addMockData("spout", "other", new Values("c"));
        Map<String, List<FixedTuple>> results = sources.getData();
        assertEquals(List.of(List.of("a"), List.of("b")), Testing.readTuples(results, "spout"));
        assertEquals(List.of(List.of("c")), Testing.readTuples(results, "spout", "other"));
        assertEquals(List.of(), Testing.readTuples(results, "nobody"));
        assertTrue(Testing.multiseteq(List.of(1, 2, 2), List.of(2, 1, 2)));
        assertFalse(Testing.multiseteq(List.of(1, 2), List.of(2, 1, 2)));
    }

    @Test
    void ackTrackersAndCaptureBoltsShareStateWithTheirSerializedCopies() {
        AckTracker tracker = new AckTracker();
        AckTracker copy = io.squall.utils.Utils.copy(tracker);
        copy.ack("x");
        assertEquals(1, tracker.getNumAcks());
        tracker.resetNumAcks();
        assertEquals(0, copy.getNumAcks());

        AckFailMapTracker map = new AckFailMapTracker();
        io.squall.utils.Utils.copy(map).fail("y");
        assertTrue(map.isFailed("y"));
        assertFalse(map.isAcked("y"));

        FixedTupleSpout spout = new FixedTupleSpout(List.of(new Values("a"), new Values("b")));
        assertFalse(spout.isExhausted());
        FixedTupleSpout spoutCopy = io.squall.utils.Utils.copy(spout);
        spoutCopy.ack(0);
        spoutCopy.fail(1);
        assertTrue(spout.isExhausted());
        spout.cleanup();
    }
}
