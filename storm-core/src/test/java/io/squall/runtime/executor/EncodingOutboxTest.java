package io.squall.runtime.executor;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.queue.Backpressure;
import io.squall.runtime.queue.ReceiveQueue;
import io.squall.serialization.EncodedBatch;
import io.squall.serialization.MessageEncoder;
import io.squall.serialization.OutboundEncoding;
import io.squall.tuple.Fields;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EncodingOutboxTest {
    private final Backpressure bp = new Backpressure();
    /** The transport's queue to another worker, which runs task 1; task 2 runs here. */
    private final ReceiveQueue remote = new ReceiveQueue("to-other", 64, 0.99, 0.5, bp);
    private final ReceiveQueue local = new ReceiveQueue("local", 64, 0.99, 0.5, bp);
    /** Every message the encoder was asked to write and refused. */
    private final List<Object> refused = new ArrayList<>();
    /** The last acker batch the encoder wrote. */
    private final AtomicReference<AckBatch> encodedAcks = new AtomicReference<>();
    /** Writes strings (task, then the string) and acker batches (task, then their size); nothing else. */
    private final MessageEncoder strings = (out, task, message) -> {
        if (message instanceof String s) {
            out.writeVarInt(task, true);
            out.writeString(s);
        } else if (message instanceof TupleImpl t) {
            out.writeVarInt(task, true);
            out.writeString("tree " + t.treeRoot(0) + " edge " + t.treeEdge(0) + " " + t.getValues().get(0));
        } else if (message instanceof AckBatch b) {
            encodedAcks.set(b);
            out.writeVarInt(task, true);
            out.writeString("acks:" + b.size());
        } else {
            refused.add(message);
            throw new IllegalArgumentException("Cannot send " + message);
        }
    };
    private final List<Integer> encodersMade = new ArrayList<>();

    private Transfer transfer(int batchSize, int maxBatchBytes, boolean encode) {
        OutboundEncoding encoding = new OutboundEncoding(() -> {
            encodersMade.add(1);
            return strings;
        }, maxBatchBytes);
        return new Transfer(new ReceiveQueue[] {null, remote, local}, batchSize, () -> encode ? encoding : null,
                q -> q == remote);
    }

    private static List<Object> drain(ReceiveQueue q) throws Exception {
        List<Object> got = new ArrayList<>();
        q.drain((task, m) -> got.add(m));
        return got;
    }

    /** The strings in a batch's bytes, as "task:string". */
    private static List<String> decode(EncodedBatch b) {
        Input in = new Input(b.bytes(), 0, b.length());
        List<String> got = new ArrayList<>();
        while (in.position() < b.length()) {
            got.add(in.readVarInt(true) + ":" + in.readString());
        }
        return got;
    }

    @Test
    void messagesForAnotherWorkerLeaveEncodedOneQueueEntryPerMessageInOrder() throws Exception {
        Transfer t = transfer(8, 4096, true);
        t.send(1, "the");
        t.send(2, "local");
        t.send(1, "cow");
        t.send(1, "jumped");
        assertEquals(0, remote.population(), "nothing is published before the flush");
        t.flush();
        assertEquals(3, remote.population(), "the queue counts messages, not batches");
        List<Object> got = drain(remote);
        assertEquals(3, got.size());
        EncodedBatch b = assertInstanceOf(EncodedBatch.class, got.get(0));
        assertTrue(got.stream().allMatch(m -> m == b), "every entry is the one batch: " + got);
        assertEquals(3, b.messages());
        assertEquals(List.of("1:the", "1:cow", "1:jumped"), decode(b));
        assertEquals(List.of("local"), drain(local), "a local task still gets the object");
        assertEquals(3, t.sentTo(1));
        assertEquals(1, encodersMade.size(), "one encoder per executor");
    }

    @Test
    void aMessageTheEncoderCannotWriteTravelsAsAnObjectAfterTheBatchBeforeIt() throws Exception {
        Transfer t = transfer(8, 4096, true);
        t.send(1, "a");
        t.send(1, 42);
        t.send(1, "b");
        t.flush();
        List<Object> got = drain(remote);
        assertEquals(3, got.size());
        EncodedBatch first = assertInstanceOf(EncodedBatch.class, got.get(0));
        assertEquals(42, got.get(1));
        EncodedBatch last = assertInstanceOf(EncodedBatch.class, got.get(2));
        assertNotSame(first, last);
        assertEquals(List.of("1:a"), decode(first));
        assertEquals(List.of("1:b"), decode(last));
    }

    @Test
    void aMessageTheEncoderCannotWriteIsTriedOnceTheTransportWritesAndReportsIt() throws Exception {
        Transfer t = transfer(8, 4096, true);
        t.send(1, "a");
        t.send(1, 42);
        t.flush();
        assertEquals(List.of(42), refused, "not tried again in an empty batch: it would fail the same way");
    }

    @Test
    void aSmallBatchLimitStillStartsAndWhatDoesNotFitTravelsAsObjects() throws Exception {
        // messaging.batch.bytes may be as small as 1: the workers start, and messages travel as they did before
        // executors encoded them, one object each.
        Transfer t = transfer(8, 1, true);
        t.send(1, "the");
        t.send(1, "cow");
        t.flush();
        assertEquals(List.of("the", "cow"), drain(remote));
    }

    @Test
    void aSpoutsFirstTupleOfATreeKeepsItsPlaceAmongTheEncodedMessages() throws Exception {
        Transfer t = transfer(8, 4096, true);
        TupleSource source = new TupleSource("spout", "default", new Fields("word"), 3);
        t.send(1, "a");
        t.sendFirstOfTree(1, source, List.of("cow"), 77);
        t.send(1, "b");
        t.flush();
        List<Object> got = drain(remote);
        assertEquals(3, got.size());
        EncodedBatch b = assertInstanceOf(EncodedBatch.class, got.get(0));
        assertTrue(got.stream().allMatch(m -> m == b), "one batch, in the executor's order: " + got);
        assertEquals(List.of("1:a", "1:tree 77 edge " + TupleImpl.firstEdge(77) + " cow", "1:b"), decode(b));
        assertEquals(3, t.sentTo(1));
    }

    @Test
    void aTupleInOneTreeSentAsItsPartsIsEncodedInItsPlaceOrMadeWhereItTravelsAsAnObject() throws Exception {
        Transfer t = transfer(8, 4096, true);
        TupleSource source = new TupleSource("split", "default", new Fields("word"), 3);
        t.send(1, "a");
        t.sendOfTree(1, source, List.of("cow"), 77, 99);
        t.sendOfTree(2, source, List.of("moon"), 78, 98);
        t.send(1, "b");
        t.flush();
        List<Object> got = drain(remote);
        EncodedBatch b = assertInstanceOf(EncodedBatch.class, got.get(0));
        assertEquals(List.of("1:a", "1:tree 77 edge 99 cow", "1:b"), decode(b));
        assertEquals(3, t.sentTo(1));
        TupleImpl here = assertInstanceOf(TupleImpl.class, drain(local).get(0));
        assertEquals(List.of(source, 78L, 98L, List.of("moon")),
                List.of(here.source(), here.treeRoot(0), here.treeEdge(0), here.getValues()));

        Transfer small = transfer(8, 1, true); // Nothing fits in a batch: the tuple itself travels.
        small.sendOfTree(1, source, List.of("cow"), 77, 99);
        small.flush();
        TupleImpl sent = assertInstanceOf(TupleImpl.class, drain(remote).get(0));
        assertEquals(List.of(77L, 99L, List.of("cow")), List.of(sent.treeRoot(0), sent.treeEdge(0), sent.getValues()));
    }

    @Test
    void aMessageLargerThanABatchMayHoldTravelsAsAnObject() throws Exception {
        Transfer t = transfer(8, 128, true);
        String big = "x".repeat(500);
        t.send(1, "small");
        t.send(1, big);
        t.flush();
        List<Object> got = drain(remote);
        assertEquals(List.of("1:small"), decode(assertInstanceOf(EncodedBatch.class, got.get(0))));
        assertSame(big, got.get(1), "the transport fails it as too large, as before");
    }

    @Test
    void aBatchIsSealedOnceItHoldsAPublishBatchOfMessages() throws Exception {
        Transfer t = transfer(4, 4096, true);
        for (int i = 0; i < 6; i++) {
            t.send(1, "w" + i);
        }
        List<Object> beforeFlush = drain(remote);
        assertEquals(4, beforeFlush.size(), "the first four left with their sealed batch");
        assertEquals(List.of("1:w0", "1:w1", "1:w2", "1:w3"), decode((EncodedBatch) beforeFlush.get(0)));
        t.flush();
        List<Object> rest = drain(remote);
        assertEquals(2, rest.size());
        assertEquals(List.of("1:w4", "1:w5"), decode((EncodedBatch) rest.get(0)));
    }

    @Test
    void anAckerBatchForAnotherWorkerIsEncodedAndFilledAgainAfterwards() throws Exception {
        Transfer t = transfer(8, 4096, true);
        t.sendAck(1, AckBatch.UPDATE, 5, 7, -1);
        t.flush();
        List<Object> got = drain(remote);
        assertEquals(List.of("1:acks:1"), decode(assertInstanceOf(EncodedBatch.class, got.get(0))));
        AckBatch written = encodedAcks.get();
        assertEquals(0, written.size(), "recycled once written");
        t.sendAck(2, AckBatch.UPDATE, 6, 8, -1);
        t.flush();
        assertSame(written, drain(local).get(0), "the written batch is filled again");
    }

    @Test
    void withoutAnEncodingTheTransportGetsTheObjects() throws Exception {
        Transfer t = transfer(8, 4096, false);
        t.send(1, "the");
        t.flush();
        assertEquals(List.of("the"), drain(remote));
        assertTrue(encodersMade.isEmpty());
    }

    @Test
    void aBatchTheTransportIsDoneWithIsFilledAgain() throws Exception {
        Transfer t = transfer(8, 4096, true);
        t.send(1, "one");
        t.flush();
        List<Object> got = drain(remote);
        EncodedBatch b = (EncodedBatch) got.get(0);
        assertTrue(b.take(), "the first entry copies the bytes");
        assertTrue(b.allTaken());
        b.recycle();
        t.send(1, "two");
        t.flush();
        EncodedBatch again = (EncodedBatch) drain(remote).get(0);
        assertSame(b, again);
        assertEquals(List.of("1:two"), decode(again));
    }
}
