package io.squall.messaging;

import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.Worker;
import io.squall.runtime.acker.AckMessage;
import io.squall.serialization.KryoFactory;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundDispatcherTest {
    /** Tasks: __acker 1, count 2-3, words 4; this worker runs 1 and 2, another worker runs 3 and 4. */
    private final Worker worker;
    private final InboundDispatcher dispatcher;
    private final WireCodec codec;

    InboundDispatcherTest() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        Map<String, Object> conf = new HashMap<>();
        conf.put("topology.acker.executors", 1);
        worker = new Worker("inbound-test", b.createTopology(), conf, getClass().getClassLoader(), false,
                io.squall.utils.Clock.SYSTEM, e -> { }, new Worker.Placement(1234, Map.of(3, "other:1", 4, "other:1"), Map.of()));
        codec = new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()),
                worker.context());
        dispatcher = new InboundDispatcher(worker, codec, () -> true, new AtomicLong());
    }

    @Test
    void aCongestedSenderHoldsOneBackpressureTokenUntilRelievedOrGone() {
        dispatcher.onFrame(Frame.backpressure(true));
        dispatcher.onFrame(Frame.backpressure(true));
        assertEquals(1, worker.backpressure().tokens());
        dispatcher.onFrame(Frame.backpressure(false));
        assertFalse(worker.backpressure().isCongested());
        dispatcher.onFrame(Frame.backpressure(true));
        assertTrue(worker.backpressure().isCongested());
        dispatcher.onClose();
        assertFalse(worker.backpressure().isCongested(), "a lost connection releases its token");
        assertThrows(MalformedFrameException.class, () -> dispatcher.onFrame(new Frame(Frame.BACKPRESSURE,
                new byte[] {7})));
    }

    @Test
    void publishesMessagesIntoTheQueuesOfLocalTasksOnly() {
        Output out = new Output(64, -1);
        codec.write(out, 1, new AckMessage.Update(5, 6));
        dispatcher.onFrame(new Frame(Frame.MESSAGES, out.toBytes()));
        assertEquals(1, worker.queueByTask()[1].population());
        assertTrue(worker.isLocalTask(2));
        assertFalse(worker.isLocalTask(3));
        assertEquals(1, worker.outboundQueues().size(), "one queue for the other worker");

        Output remote = new Output(64, -1);
        codec.write(remote, 4, new AckMessage.Update(5, 6));
        assertThrows(MalformedFrameException.class, () -> dispatcher.onFrame(new Frame(Frame.MESSAGES,
                remote.toBytes())));
    }
}
