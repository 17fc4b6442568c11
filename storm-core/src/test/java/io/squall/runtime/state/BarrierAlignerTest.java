package io.squall.runtime.state;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BarrierAlignerTest {
    private final List<String> log = new ArrayList<>();
    private long now;
    private final BarrierAligner aligner = new BarrierAligner(Set.of(1, 2), new BarrierAligner.Sink() {
        @Override
        public void process(Tuple tuple) {
            log.add(tuple.getString(0) + "@" + tuple.getSourceTask());
        }

        @Override
        public void onAligned(long txid, String action, List<Tuple> barriers) {
            log.add(action + " " + txid + " from " + barriers.size());
        }

        @Override
        public void onAbandoned(List<Tuple> barriers) {
            log.add("abandoned " + barriers.size());
        }
    }, () -> now);

    private static Tuple data(int task, String value) {
        return new TupleImpl("split", "default", new Fields("word"), task, List.of(value), MessageId.unanchored());
    }

    private static Tuple barrier(int task, long txid, String action, long attempt) {
        return new TupleImpl("split", "$checkpoint", new Fields("txid", "action", "attempt"), task,
                List.of(txid, action, attempt), MessageId.unanchored());
    }

    @Test
    void holdsAnInputThatDeliveredTheBarrierUntilEveryInputHas() {
        aligner.offer(data(1, "a"));
        aligner.offer(barrier(1, 3, "PREPARE", 10));
        aligner.offer(data(1, "b"));     // after the barrier on input 1: held
        aligner.offer(data(2, "c"));     // input 2 has not delivered it: processed
        aligner.offer(data(7, "spout")); // an input without barriers is never held
        assertEquals(1, aligner.heldCount());
        now = 5_000;
        aligner.offer(barrier(2, 3, "PREPARE", 10));
        aligner.offer(data(2, "d"));
        assertEquals(List.of("a@1", "c@2", "spout@7", "PREPARE 3 from 2", "b@1", "d@2"), log);
        assertEquals(5_000, aligner.lastAlignmentNanos());
        assertEquals(0, aligner.heldCount());
    }

    @Test
    void startsTheNextAlignmentFromHeldTuples() {
        aligner.offer(barrier(1, 3, "PREPARE", 10));
        aligner.offer(data(1, "b"));
        aligner.offer(barrier(1, 3, "COMMIT", 11));
        aligner.offer(data(1, "e"));
        aligner.offer(barrier(2, 3, "PREPARE", 10));
        assertEquals(List.of("PREPARE 3 from 2", "b@1"), log, "e waits behind input 1's COMMIT");
        aligner.offer(barrier(2, 3, "COMMIT", 11));
        assertEquals(List.of("PREPARE 3 from 2", "b@1", "COMMIT 3 from 2", "e@1"), log);
    }

    @Test
    void abandonsAnAlignmentWhenANewerActionArrives() {
        aligner.offer(barrier(1, 4, "PREPARE", 20));
        aligner.offer(data(1, "x"));
        aligner.offer(barrier(1, 4, "ROLLBACK", 21));
        // Input 2's PREPARE was lost (its worker died); it sends the ROLLBACK that followed.
        aligner.offer(barrier(2, 4, "ROLLBACK", 21));
        assertEquals(List.of("abandoned 1", "x@1", "ROLLBACK 4 from 2"), log);
    }

    @Test
    void failsAStalePrepareThatArrivesDuringTheRollbackOfItsTransaction() {
        // Input 1 failed PREPARE 4 and sent only the ROLLBACK; input 2 forwarded PREPARE 4, then the ROLLBACK.
        aligner.offer(barrier(1, 4, "ROLLBACK", 21));
        aligner.offer(barrier(2, 4, "PREPARE", 20));
        aligner.offer(data(2, "y"));
        aligner.offer(barrier(2, 4, "ROLLBACK", 21));
        assertEquals(List.of("abandoned 1", "y@2", "ROLLBACK 4 from 2"), log);
    }

    @Test
    void neverAlignsBarriersOfDifferentAttempts() {
        aligner.offer(barrier(1, 4, "ROLLBACK", 21));    // the first ROLLBACK, given up upstream
        aligner.offer(barrier(2, 4, "ROLLBACK", 22));    // its retry from input 2: the first attempt is abandoned
        aligner.offer(barrier(1, 4, "ROLLBACK", 22));
        aligner.offer(barrier(2, 4, "ROLLBACK", 21));    // a late barrier of the first attempt: stale
        assertEquals(List.of("abandoned 1", "ROLLBACK 4 from 2", "abandoned 1"), log);
    }
}
