package io.squall.task;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputCollectorTest {
    /** A user's collector that implements only what Storm's interface declares, recording what it is given. */
    private static final class Recording implements IOutputCollector {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            calls.add("emit " + streamId + " " + List.copyOf(anchors) + " " + tuple);
            return List.of(3);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            calls.add("emitDirect " + taskId + " " + streamId + " " + List.copyOf(anchors) + " " + tuple);
        }

        @Override
        public void ack(Tuple input) {
        }

        @Override
        public void fail(Tuple input) {
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void reportError(Throwable error) {
        }
    }

    private static Tuple input() {
        return new TupleImpl("split", Utils.DEFAULT_STREAM_ID, new Fields("word"), 4, List.of("a"),
                MessageId.unanchored());
    }

    @Test
    void givesAUsersCollectorOneAnchorInACollectionAndNoneForANullAnchor() {
        Recording r = new Recording();
        OutputCollector c = new OutputCollector(r);
        Tuple in = input();
        assertEquals(List.of(3), c.emit(in, List.of("x")));
        c.emit("s", in, List.of("y"));
        c.emit("s", (Tuple) null, List.of("z"));
        c.emitDirect(5, in, List.of("u"));
        c.emitDirect(6, "s", (Tuple) null, List.of("v"));
        assertEquals(List.of(
                "emit default [" + in + "] [x]",
                "emit s [" + in + "] [y]",
                "emit s [] [z]",
                "emitDirect 5 default [" + in + "] [u]",
                "emitDirect 6 s [] [v]"), r.calls);
    }
}
