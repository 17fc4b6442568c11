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

    /** A collector that also takes one anchor as it is, as the runtime's does. */
    private static final class SingleAnchorRecording implements SingleAnchorCollector {
        final Recording plain = new Recording();

        @Override
        public List<Integer> emit(String streamId, Tuple anchor, List<Object> tuple) {
            plain.calls.add("one " + streamId + " " + anchor + " " + tuple);
            return List.of(7);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Tuple anchor, List<Object> tuple) {
            plain.calls.add("oneDirect " + taskId + " " + streamId + " " + anchor + " " + tuple);
        }
    }

    /** The runtime's collector: both interfaces, as {@code BoltExecutor}'s task has them. */
    private static final class Both implements IOutputCollector, SingleAnchorCollector {
        final SingleAnchorRecording r = new SingleAnchorRecording();

        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            return r.plain.emit(streamId, anchors, tuple);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            r.plain.emitDirect(taskId, streamId, anchors, tuple);
        }

        @Override
        public List<Integer> emit(String streamId, Tuple anchor, List<Object> tuple) {
            return r.emit(streamId, anchor, tuple);
        }

        @Override
        public void emitDirect(int taskId, String streamId, Tuple anchor, List<Object> tuple) {
            r.emitDirect(taskId, streamId, anchor, tuple);
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

    @Test
    void givesACollectorThatTakesOneAnchorTheAnchorItselfAndTheOthersTheirCollections() {
        Both both = new Both();
        OutputCollector c = new OutputCollector(both);
        Tuple in = input();
        assertEquals(List.of(7), c.emit(in, List.of("x")));
        c.emitDirect(6, "s", (Tuple) null, List.of("v"));
        assertEquals(List.of(3), c.emit(List.of(in), List.of("y")));
        assertEquals(List.of(
                "one default " + in + " [x]",
                "oneDirect 6 s null [v]",
                "emit default [" + in + "] [y]"), both.r.plain.calls);
    }

    @Test
    void aSubclassThatOverridesTheCollectionEmitSeesSingleAnchorEmitsAsStormsDoes() {
        Both both = new Both();
        List<String> seen = new ArrayList<>();
        OutputCollector sub = new OutputCollector(both) {
            @Override
            public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
                seen.add(streamId + " " + anchors.size());
                return super.emit(streamId, anchors, tuple);
            }
        };
        Tuple in = input();
        sub.emit(in, List.of("x"));
        new OutputCollector(sub).emit("s", in, List.of("y"));
        assertEquals(List.of("default 1", "s 1"), seen);
        assertEquals(List.of("emit default [" + in + "] [x]", "emit s [" + in + "] [y]"), both.r.plain.calls);
    }
}
