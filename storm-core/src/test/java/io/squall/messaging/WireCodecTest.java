package io.squall.messaging;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckBatch;
import io.squall.runtime.acker.AckMessage;
import io.squall.runtime.eventtime.Watermark;
import io.squall.runtime.executor.UnserializableValueException;
import io.squall.serialization.KryoFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.TupleSource;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCodecTest {
    private final GeneralTopologyContext context;
    private final WireCodec codec;
    private final Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());

    WireCodecTest() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        context = new GeneralTopologyContext(b.createTopology(), Map.of(), Map.of(1, "words", 2, "__acker"), "wire");
        codec = new WireCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()), context);
    }

    private byte[] batch(Object... taskAndMessage) {
        Output out = new Output(256, -1);
        for (int i = 0; i < taskAndMessage.length; i += 2) {
            codec.write(out, (Integer) taskAndMessage[i], taskAndMessage[i + 1]);
        }
        return out.toBytes();
    }

    @Test
    void roundTripsTuplesEveryAckerMessageAndWatermarks() {
        TupleImpl t = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values("hello"), MessageId.of(5L, 6L));
        List<Object> sent = List.of(t, new AckMessage.Init(1, 2, 1), new AckMessage.Update(3, 4),
                new AckMessage.Fail(5, -1), new AckMessage.ResetTimeout(6), new AckMessage.Result(7, true, 1),
                Watermark.of(3, 1_767_225_600_000L), Watermark.idle(4), Watermark.of(1, Watermark.END));
        List<Object> args = new ArrayList<>();
        for (Object m : sent) {
            args.add(2);
            args.add(m);
        }
        List<Object> got = new ArrayList<>();
        int n = codec.read(batch(args.toArray()), task -> task == 2, (task, m) -> got.add(m));
        assertEquals(sent.size(), n);
        assertEquals(sent.subList(1, sent.size()), got.subList(1, got.size()));
        TupleImpl back = (TupleImpl) got.get(0);
        assertEquals("hello", back.getString(0));
        assertEquals(t.getMessageId(), back.getMessageId());
    }

    /** Not registered with Kryo, and not Serializable. */
    static final class Reading {
    }

    @Test
    void aTupleThatCannotBeEncodedFailsNamingItsComponentStreamAndValueClass() {
        TupleImpl t = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values(new Reading()), MessageId.of(5L, 6L));
        UnserializableValueException e = assertThrows(UnserializableValueException.class,
                () -> codec.write(new Output(256, -1), 2, t));
        assertTrue(e.getMessage().contains("'words'") && e.getMessage().contains("'default'")
                && e.getMessage().contains(Reading.class.getName()), e.getMessage());
    }

    @Test
    void writesATupleInOneTreeFromItsPartsAsItWritesTheTupleAndFailsTheSameWay() {
        TupleSource source = new TupleSource("words", "default", context.getComponentOutputFields("words", "default"),
                1);
        Output whole = new Output(256, -1);
        codec.write(whole, 2, TupleImpl.ofTree(source, new Values("hello"), 5L, -6L));
        Output parts = new Output(256, -1);
        codec.writeOfTree(parts, 2, source, new Values("hello"), 5L, -6L);
        assertArrayEquals(whole.toBytes(), parts.toBytes());

        Values bad = new Values(new Reading());
        UnserializableValueException expected = assertThrows(UnserializableValueException.class,
                () -> codec.write(new Output(256, -1), 2, TupleImpl.ofTree(source, bad, 5L, 6L)));
        UnserializableValueException e = assertThrows(UnserializableValueException.class,
                () -> codec.writeOfTree(new Output(256, -1), 2, source, bad, 5L, 6L));
        assertEquals(expected.getMessage(), e.getMessage());
    }

    @Test
    void rejectsMessagesForTasksOfOtherWorkers() {
        byte[] b = batch(1, new AckMessage.Update(3, 4));
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.read(b, task -> task == 2, (task, m) -> { }));
        assertTrue(e.getMessage().contains("task 1"), e.getMessage());
    }

    /** A batch of one tuple for task 2 whose single value is written by {@code value}, then a few more bytes. */
    private byte[] tupleWithRawValue(java.util.function.Consumer<Output> value) {
        return tupleWithRawValue(value, new byte[] {9, 9, 9});
    }

    private byte[] tupleWithRawValue(java.util.function.Consumer<Output> value, byte[] after) {
        Output out = new Output(256, -1);
        out.writeVarInt(2, true);
        out.writeByte(0); // A tuple.
        out.writeVarInt(1 + 1, true); // From task 1 ("words").
        out.writeVarInt(0 + 1, true); // On its first (and only) declared stream, "default".
        out.writeVarInt(0, true); // No tree ids.
        out.writeVarInt(1, true); // One value.
        value.accept(out);
        out.writeBytes(after);
        return out.toBytes();
    }

    private MalformedFrameException rejected(byte[] batch) {
        return assertThrows(MalformedFrameException.class, () -> codec.read(batch, task -> task == 2, (t, m) -> { }));
    }

    @Test
    void aCraftedRawValueDecodesLikeAWrittenOne() {
        List<Object> got = new ArrayList<>();
        codec.read(tupleWithRawValue(out -> kryo.writeClassAndObject(out, "ok"), new byte[0]), task -> task == 2,
                (task, m) -> got.add(m));
        assertEquals("ok", ((TupleImpl) got.get(0)).getString(0), "the crafted layout is the real one");
    }

    @Test
    void valuesDeclaringGigabytesAreRejectedBeforeAnythingIsAllocated() {
        int huge = 0x7ffffff0;
        Map<String, java.util.function.Consumer<Output>> lies = new java.util.LinkedHashMap<>();
        lies.put("A byte array", out -> {
            kryo.writeClass(out, byte[].class);
            out.writeVarInt(huge, true);
        });
        lies.put("An int array", out -> {
            kryo.writeClass(out, int[].class);
            out.writeVarInt(huge, true);
        });
        lies.put("A long array", out -> {
            kryo.writeClass(out, long[].class);
            out.writeVarInt(huge, true);
        });
        lies.put("A string", out -> {
            kryo.writeClass(out, String.class);
            out.writeVarIntFlag(true, huge, true); // A UTF-8 string of huge - 1 chars.
        });
        lies.put("A ArrayList", out -> {
            kryo.writeClass(out, ArrayList.class);
            out.writeVarInt(huge, true);
        });
        lies.put("A Values", out -> {
            kryo.writeClass(out, Values.class);
            out.writeVarInt(huge, true);
        });
        lies.put("A Object[]", out -> {
            kryo.writeClass(out, Object[].class);
            out.writeVarInt(huge, true);
        });
        lies.put("A String[]", out -> {
            kryo.writeClass(out, String[].class);
            out.writeVarInt(huge, true);
        });
        for (Map.Entry<String, java.util.function.Consumer<Output>> lie : lies.entrySet()) {
            MalformedFrameException e = rejected(tupleWithRawValue(lie.getValue()));
            assertTrue(e.getMessage().contains(lie.getKey() + " declares"), lie.getKey() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("bytes are left"), e.getMessage());
        }
    }

    @Test
    void rejectsUnknownKindsTruncatedAndRandomBatches() {
        assertThrows(MalformedFrameException.class, () -> codec.read(new byte[] {2, 42}, t -> true, (t, m) -> { }));
        byte[] good = batch(2, new AckMessage.Update(3, 4));
        byte[] cut = Arrays.copyOf(good, good.length - 3);
        assertThrows(MalformedFrameException.class, () -> codec.read(cut, t -> true, (t, m) -> { }));
        Random r = new Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[1 + r.nextInt(40)];
            r.nextBytes(junk);
            try {
                codec.read(junk, t -> t == 1 || t == 2, (t, m) -> { });
            } catch (MalformedFrameException expected) {
                // Random bytes may happen to decode; anything else must be a MalformedFrameException.
            }
        }
    }

    @Test
    void anAckBatchRoundTripsAsOneMessageAndItsDecodedBatchIsReusedOnceRecycled() {
        AckBatch b = new AckBatch(8);
        b.add(AckBatch.INIT, 1, 2, 1);
        b.add(AckBatch.UPDATE, 3, 4, -1);
        b.add(AckBatch.UPDATE, 3, 8, -1);
        b.add(AckBatch.UPDATE, 9, 1, -1);
        b.add(AckBatch.UPDATE, 3, 16, -1);
        b.add(AckBatch.FAIL, 5, 0, -1);
        b.add(AckBatch.RESET, 6, 0, -1);
        b.add(AckBatch.ACKED, 7, 0, -1);
        b.add(AckBatch.FAILED, 8, 0, 1);
        List<Object> got = new ArrayList<>();
        assertEquals(1, codec.read(batch(2, b), task -> task == 2, (task, m) -> got.add(m)));
        AckBatch back = (AckBatch) got.get(0);
        List<AckMessage> messages = new ArrayList<>();
        for (int i = 0; i < back.size(); i++) {
            messages.add(back.message(i));
        }
        assertEquals(List.of(new AckMessage.Init(1, 2, 1), new AckMessage.Update(3, 4 ^ 8),
                new AckMessage.Update(9, 1), new AckMessage.Update(3, 16), new AckMessage.Fail(5, -1),
                new AckMessage.ResetTimeout(6), new AckMessage.Result(7, false, -1),
                new AckMessage.Result(8, true, 1)), messages);

        back.recycle();
        got.clear();
        codec.read(batch(2, b), task -> task == 2, (task, m) -> got.add(m));
        assertTrue(got.get(0) == back, "a recycled batch is decoded into again");
    }

    @Test
    void anAckBatchClaimingMoreMessagesThanItHoldsIsMalformed() {
        AckBatch b = new AckBatch(1);
        b.add(AckBatch.UPDATE, 3, 4, -1);
        byte[] bytes = batch(2, b);
        byte[] claimsTwo = bytes.clone();
        claimsTwo[2] = 2; // varint task (1 byte), kind (1), then the count, a little-endian int
        assertThrows(MalformedFrameException.class, () -> codec.read(claimsTwo, task -> true, (task, m) -> { }));
        byte[] claimsMillions = bytes.clone();
        claimsMillions[5] = 0x7f;
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.read(claimsMillions, task -> true, (task, m) -> { }));
        assertTrue(e.getMessage().contains("acker messages"), e.getMessage());
        byte[] unknownKind = bytes.clone();
        unknownKind[6] = 42;
        assertThrows(MalformedFrameException.class, () -> codec.read(unknownKind, task -> true, (task, m) -> { }));
    }
}
