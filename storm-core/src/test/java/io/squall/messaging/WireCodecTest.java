package io.squall.messaging;

import com.esotericsoftware.kryo.io.Output;
import io.squall.runtime.acker.AckMessage;
import io.squall.serialization.KryoFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WireCodecTest {
    private final GeneralTopologyContext context;
    private final WireCodec codec;

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
    void roundTripsTuplesAndEveryAckerMessage() {
        TupleImpl t = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values("hello"), MessageId.of(5L, 6L));
        List<Object> sent = List.of(t, new AckMessage.Init(1, 2, 1), new AckMessage.Update(3, 4),
                new AckMessage.Fail(5, -1), new AckMessage.ResetTimeout(6), new AckMessage.Result(7, true, 1));
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

    @Test
    void rejectsMessagesForTasksOfOtherWorkers() {
        byte[] b = batch(1, new AckMessage.Update(3, 4));
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.read(b, task -> task == 2, (task, m) -> { }));
        assertTrue(e.getMessage().contains("task 1"), e.getMessage());
    }

    @Test
    void aValueDeclaringGigabytesIsRejectedNotFatal() {
        TupleImpl t = new TupleImpl("words", "default", context.getComponentOutputFields("words", "default"), 1,
                new Values((Object) new byte[] {9, 9, 9}), MessageId.unanchored());
        byte[] good = batch(2, t);
        int at = -1;
        for (int i = 0; i + 3 < good.length; i++) {
            if (good[i] == 4 && good[i + 1] == 9 && good[i + 2] == 9 && good[i + 3] == 9) {
                at = i; // Kryo writes a byte array's length + 1, then its bytes.
            }
        }
        assertTrue(at > 0, "found the byte array's length");
        byte[] huge = new byte[good.length + 4];
        System.arraycopy(good, 0, huge, 0, at);
        byte[] varint = {(byte) 0xf0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07}; // 0x7ffffff0
        System.arraycopy(varint, 0, huge, at, varint.length);
        System.arraycopy(good, at + 1, huge, at + varint.length, good.length - at - 1);
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> codec.read(huge, task -> task == 2, (task, m) -> { }));
        assertTrue(e.getMessage().contains("Message 0 of a batch declares a value larger than memory"),
                e.getMessage());
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
}
