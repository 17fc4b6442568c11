package io.squall.messaging;

import io.squall.runtime.api.ReportedError;
import io.squall.runtime.Worker;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.acker.SpoutRoots;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OversizedTuplesTest {
    /** Tasks: __acker 1, count 2-3, words 4. */
    private static Worker worker(Map<Integer, String> remote) {
        return worker(remote, false);
    }

    /** Tasks: __acker 1, count 2-3, words 4; with trees tracked in the spout, count 1-2, words 3. */
    private static Worker worker(Map<Integer, String> remote, boolean ackersInSpout) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        Map<String, Object> conf = new HashMap<>();
        conf.put("topology.acker.executors", 1);
        conf.put("topology.acker.in.spout", ackersInSpout);
        return new Worker("oversized-test", b.createTopology(), conf, OversizedTuplesTest.class.getClassLoader(),
                false, io.squall.utils.Clock.SYSTEM, e -> { }, new Worker.Placement(1234, remote, Map.of()));
    }

    private static TupleImpl tuple(Worker w, MessageId id) {
        return new TupleImpl("words", "default", w.context().getComponentOutputFields("words", "default"), 4,
                new Values("big"), id);
    }

    @Test
    void reportsComponentStreamAndSizeAndFailsTheTreeAtItsLocalAcker() throws Exception {
        Worker w = worker(Map.of(3, "other:1"));
        ReceiveQueue link = w.outboundQueues().get("other:1");
        AtomicLong count = new AtomicLong();
        new OversizedTuples(w, link, 1000, count).reject(3, tuple(w, MessageId.of(77L, 5L)), 20_971_520,
                (task, m) -> { throw new AssertionError("the acker is local"); });
        assertEquals(1, count.get());
        List<ReportedError> errors = w.errors().errors("words");
        assertEquals(1, errors.size());
        String msg = errors.get(0).message();
        for (String part : List.of("words", "stream default", "20971520 bytes", "messaging.max.frame.bytes = 1000")) {
            assertTrue(msg.contains(part), "names " + part + ": " + msg);
        }
        ReceiveQueue acker = w.queueByTask()[w.ackerTask(77L)];
        acker.bindConsumer();
        List<Object> got = new ArrayList<>();
        acker.drain((task, m) -> got.add(m));
        assertEquals(List.of(new AckMessage.Fail(77L, 4)), got);
    }

    @Test
    void failsTheTreeInTheSameBatchWhenTheAckerIsOnTheDestinationWorker() {
        Worker w = worker(Map.of(1, "other:1", 3, "other:1"));
        ReceiveQueue link = w.outboundQueues().get("other:1");
        List<Object> sameLink = new ArrayList<>();
        new OversizedTuples(w, link, 1000, new AtomicLong()).reject(3, tuple(w, MessageId.of(9L, 5L)), 5000,
                (task, m) -> sameLink.add(task + ":" + m));
        assertEquals(List.of("1:" + new AckMessage.Fail(9L, 4)), sameLink);
        assertEquals(0, link.population(), "not published into the queue its own link drains");
    }

    @Test
    void failsTheTreeAtItsSpoutWhenTheSpoutTracksIt() throws Exception {
        Worker w = worker(Map.of(2, "other:1"), true);
        long root = SpoutRoots.root(77L, 3);
        assertEquals(3, w.ackerTask(root), "the spout task named in the root");
        TupleImpl t = new TupleImpl("words", "default", w.context().getComponentOutputFields("words", "default"), 3,
                new Values("big"), MessageId.of(root, 5L));
        new OversizedTuples(w, w.outboundQueues().get("other:1"), 1000, new AtomicLong()).reject(2, t, 5000,
                (task, m) -> { throw new AssertionError("the spout is local"); });
        ReceiveQueue spout = w.queueByTask()[3];
        spout.bindConsumer();
        List<Object> got = new ArrayList<>();
        spout.drain((task, m) -> got.add(m));
        assertEquals(List.of(new AckMessage.Fail(root, 3)), got);
    }

    @Test
    void anUnanchoredTupleIsOnlyReported() {
        Worker w = worker(Map.of(3, "other:1"));
        new OversizedTuples(w, w.outboundQueues().get("other:1"), 1000, new AtomicLong()).reject(3,
                tuple(w, MessageId.unanchored()), 5000, (task, m) -> { throw new AssertionError(); });
        assertEquals(1, w.errors().errors("words").size());
        assertEquals(0, w.queueByTask()[1].population());
    }
}
