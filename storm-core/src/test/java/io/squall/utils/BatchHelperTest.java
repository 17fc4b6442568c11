package io.squall.utils;

import io.squall.Constants;
import io.squall.Testing;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.testing.MkTupleParam;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchHelperTest {
    private final List<Tuple> acked = new ArrayList<>();
    private final List<Tuple> failed = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    private final OutputCollector collector = new OutputCollector(new IOutputCollector() {
        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return List.of();
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
        }

        @Override
        public void ack(Tuple input) {
            acked.add(input);
        }

        @Override
        public void fail(Tuple input) {
            failed.add(input);
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void reportError(Throwable error) {
            errors.add(error);
        }
    });

    private static Tuple word(String w) {
        MkTupleParam p = new MkTupleParam();
        p.setFields("word");
        return Testing.testTuple(new Values(w), p);
    }

    private static Tuple tick() {
        MkTupleParam p = new MkTupleParam();
        p.setComponent(Constants.SYSTEM_COMPONENT_ID);
        p.setStream(Constants.SYSTEM_TICK_STREAM_ID);
        p.setFields("rate_secs");
        return Testing.testTuple(new Values(5), p);
    }

    @Test
    void aFullBatchIsDueAndItsTuplesAreAckedTogether() {
        BatchHelper batch = new BatchHelper(2, collector);
        Tuple a = word("a");
        Tuple b = word("b");
        assertTrue(batch.shouldHandle(a));
        batch.addBatch(a);
        assertFalse(batch.shouldFlush(), "one of two");
        batch.addBatch(b);
        assertTrue(batch.shouldFlush());
        assertEquals(List.of(a, b), batch.getBatchTuples());
        batch.ack();
        assertEquals(List.of(a, b), acked);
        assertFalse(batch.shouldFlush());
        assertTrue(batch.getBatchTuples().isEmpty());
    }

    @Test
    void aTickMakesAPartBatchDueButNotAnEmptyOne() {
        BatchHelper batch = new BatchHelper(100, collector);
        assertFalse(batch.shouldHandle(tick()), "a tick is not added");
        assertFalse(batch.shouldFlush(), "nothing to write");
        Tuple a = word("a");
        batch.addBatch(a);
        assertTrue(batch.shouldFlush(), "still due from the tick, now with a tuple");
        RuntimeException down = new RuntimeException("store down");
        batch.fail(down);
        assertEquals(List.of(a), failed, "replayed");
        assertEquals(1, errors.size());
        assertSame(down, errors.get(0));
        assertFalse(batch.shouldFlush());
    }

    @Test
    void aSizeNotAboveZeroIsStormsDefault() {
        assertEquals(15_000, new BatchHelper(0, collector).getBatchSize());
        assertEquals(7, new BatchHelper(7, collector).getBatchSize());
    }
}
