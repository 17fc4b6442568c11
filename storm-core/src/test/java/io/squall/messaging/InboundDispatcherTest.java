package io.squall.messaging;

import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.Worker;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.KryoFactory;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InboundDispatcherTest {
    private static final long EXPIRY_MS = 5000;
    private static final int QUEUE_SIZE = 8;

    /** Tasks: __acker 1, count 2-3, words 4; this worker runs 1 and 2, another worker runs 3 and 4. */
    private final Worker worker;
    private final InboundDispatcher dispatcher;
    private final WireCodec codec;
    private final ManualClock clock = new ManualClock();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final InboundDispatcher.Counters counters = new InboundDispatcher.Counters();

    InboundDispatcherTest() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter(), 2).fieldsGrouping("words", new Fields("word"));
        Map<String, Object> conf = new HashMap<>();
        conf.put("topology.acker.executors", 1);
        conf.put("topology.acker.in.spout", false);
        conf.put("topology.executor.receive.buffer.size", QUEUE_SIZE);
        worker = new Worker("inbound-test", b.createTopology(), conf, getClass().getClassLoader(), false,
                clock, e -> { }, new Worker.Placement(1234, Map.of(3, "other:1", 4, "other:1"), Map.of()));
        codec = new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()),
                worker.context());
        dispatcher = new InboundDispatcher(worker, codec, running::get, counters, EXPIRY_MS);
    }

    private Frame updates(int task, int n) {
        Output out = new Output(64, -1);
        for (int i = 0; i < n; i++) {
            codec.write(out, task, new AckMessage.Update(i, i));
        }
        return new Frame(Frame.MESSAGES, out.toBytes());
    }

    private void advanceMs(long ms) {
        clock.advanceNanos(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    @Test
    void aCongestedSenderHoldsOneBackpressureTokenUntilRelievedOrGone() {
        assertTrue(dispatcher.onFrame(Frame.backpressure(true)));
        assertTrue(dispatcher.onFrame(Frame.backpressure(true)));
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
    void congestionFromASenderThatFallsSilentExpires() {
        dispatcher.onFrame(Frame.backpressure(true));
        advanceMs(EXPIRY_MS - 1);
        dispatcher.onTick();
        assertTrue(worker.backpressure().isCongested(), "not yet expired");
        advanceMs(2);
        dispatcher.onTick();
        assertFalse(worker.backpressure().isCongested(), "a quiet peer does not hold the spouts paused");
        assertEquals(1, counters.expiredCongestion());
        dispatcher.onClose();
        assertEquals(0, worker.backpressure().tokens(), "the expired token is not returned twice");
    }

    @Test
    void congestionRefreshedBeforeItExpiresHolds() {
        dispatcher.onFrame(Frame.backpressure(true));
        for (int i = 0; i < 5; i++) {
            advanceMs(EXPIRY_MS - 1000);
            dispatcher.onTick();
            dispatcher.onFrame(Frame.backpressure(true)); // The sender re-sends while it stays congested.
        }
        dispatcher.onTick();
        assertEquals(1, worker.backpressure().tokens());
        assertEquals(0, counters.expiredCongestion());
        advanceMs(EXPIRY_MS + 1);
        dispatcher.onTick();
        assertEquals(0, worker.backpressure().tokens());
        dispatcher.onFrame(Frame.backpressure(true));
        assertEquals(1, worker.backpressure().tokens(), "a fresh report counts again after an expiry");
    }

    @Test
    void aFullQueueKeepsTheRestOfTheFrameInsteadOfBlockingAndDeliversItWhenDrained() throws Exception {
        ReceiveQueue acker = worker.queueByTask()[1];
        acker.bindConsumer();
        assertFalse(dispatcher.onFrame(updates(1, QUEUE_SIZE + 3)), "returns at once, keeping what did not fit");
        assertEquals(QUEUE_SIZE, acker.population());
        assertFalse(dispatcher.retry(), "still full");
        int[] drained = {0};
        acker.drain((task, m) -> drained[0]++);
        assertTrue(dispatcher.retry(), "the rest fits once the executor drained its queue");
        acker.drain((task, m) -> drained[0]++);
        assertEquals(QUEUE_SIZE + 3, drained[0]);
        assertTrue(dispatcher.onFrame(updates(1, 2)));
    }

    @Test
    void congestionDoesNotExpireWhileThisSideIsNotReading() throws Exception {
        dispatcher.onFrame(Frame.backpressure(true));
        assertFalse(dispatcher.onFrame(updates(1, QUEUE_SIZE + 1)));
        advanceMs(EXPIRY_MS * 3);
        dispatcher.onTick();
        assertTrue(worker.backpressure().isCongested(), "the sender's refreshes wait unread in the socket");
        ReceiveQueue acker = worker.queueByTask()[1];
        acker.bindConsumer();
        acker.drain((task, m) -> { });
        assertTrue(dispatcher.retry());
        advanceMs(EXPIRY_MS - 1);
        dispatcher.onTick();
        assertTrue(worker.backpressure().isCongested(), "the expiry counts from when reading resumed");
        advanceMs(2);
        dispatcher.onTick();
        assertFalse(worker.backpressure().isCongested());
    }

    @Test
    void messagesKeptWhenTheConnectionClosesOrTheWorkerStopsAreCounted() {
        assertFalse(dispatcher.onFrame(updates(1, QUEUE_SIZE + 4)));
        dispatcher.onClose();
        assertEquals(4, counters.droppedMessages());
        // Each connection publishes through its own lane of the queue, so the next one has room for a lane's worth.
        InboundDispatcher other = new InboundDispatcher(worker, codec, running::get, counters, EXPIRY_MS);
        assertFalse(other.onFrame(updates(1, QUEUE_SIZE + 2)));
        running.set(false);
        assertTrue(other.retry(), "a stopping worker drops what does not fit");
        assertEquals(6, counters.droppedMessages());
    }

    @Test
    void publishesMessagesIntoTheQueuesOfLocalTasksOnly() {
        Output out = new Output(64, -1);
        codec.write(out, 1, new AckMessage.Update(5, 6));
        assertTrue(dispatcher.onFrame(new Frame(Frame.MESSAGES, out.toBytes())));
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
