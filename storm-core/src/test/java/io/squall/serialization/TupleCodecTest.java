package io.squall.serialization;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.squall.task.GeneralTopologyContext;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichSpout;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.TupleImpl;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TupleCodecTest {
    static final class Point {
        int x;
        int y;
    }

    private static GeneralTopologyContext context() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        StormTopology t = b.createTopology();
        return new GeneralTopologyContext(t, Map.of(), Map.of(1, "words"), "codec-test");
    }

    @Test
    void roundTripsReplayKeysOnlyWhenTheTuplesHaveThem() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        var fields = context().getComponentOutputFields("words", "default");
        TupleImpl keyed = new TupleImpl("words", "default", fields, 1, new Values("a"),
                MessageId.of(new long[] {11L, 22L}, new long[] {33L, 44L}, new long[] {55L, 66L}));
        TupleImpl plain = new TupleImpl("words", "default", fields, 1, new Values("a"), MessageId.of(11L, 33L));
        TupleImpl single = new TupleImpl("words", "default", fields, 1, new Values("a"),
                MessageId.of(11L, 33L, new long[] {55L}));
        for (TupleImpl t : List.of(keyed, plain, single)) {
            Output out = new Output(256, -1);
            codec.write(out, t);
            TupleImpl back = codec.read(new Input(out.toBytes()));
            assertEquals(t.getMessageId(), back.getMessageId());
            assertEquals(t.getMessageId().hasReplayKeys(), back.getMessageId().hasReplayKeys());
        }
        assertEquals(66L, keyed.getMessageId().replayKey(1));
        Output plainOut = new Output(256, -1);
        codec.write(plainOut, plain);
        Output singleOut = new Output(256, -1);
        codec.write(singleOut, single);
        assertEquals(plainOut.position() + 8, singleOut.position(), "8 bytes per root, nothing without keys");
    }

    @Test
    void decodesATupleInOneTreeWithoutAnIdObjectAndSharesItsSource() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        var source = new io.squall.tuple.TupleSource("words", "default",
                context().getComponentOutputFields("words", "default"), 1);
        Output out = new Output(256, -1);
        codec.write(out, TupleImpl.ofTree(source, new Values("a"), 11L, 33L));
        codec.write(out, TupleImpl.ofTree(source, new Values(null, "b", 2), 12L, 34L));
        codec.write(out, new TupleImpl(source, new Values("c"), MessageId.unanchored()));
        Input in = new Input(out.toBytes());
        TupleImpl first = codec.read(in);
        TupleImpl second = codec.read(in);
        TupleImpl third = codec.read(in);
        assertTrue(first.isSingleTree());
        assertEquals(MessageId.of(11L, 33L), first.getMessageId());
        assertEquals(List.of("a"), first.getValues());
        assertEquals(MessageId.of(12L, 34L), second.getMessageId());
        assertEquals(java.util.Arrays.asList(null, "b", 2), second.getValues());
        assertEquals(0, third.treeCount());
        assertEquals("default", third.getSourceStreamId());
        assertEquals(new Fields("word"), third.getFields());
        assertTrue(first.source() == second.source() && second.source() == third.source(),
                "one source object for the tuples of one stream of one task");
    }

    @Test
    void decodesOneValueInOneTreeOrNoneAsTheCompactTupleThatBehavesAsTheListForm() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        var source = new io.squall.tuple.TupleSource("words", "default",
                context().getComponentOutputFields("words", "default"), 1);
        Output out = new Output(256, -1);
        codec.write(out, TupleImpl.ofTree(source, new Values("a"), 11L, 33L));
        codec.write(out, new TupleImpl(source, new Values("b"), MessageId.unanchored()));
        codec.write(out, new TupleImpl(source, new Values("c"), MessageId.of(new long[] {1L, 2L}, new long[] {3L, 4L})));
        codec.write(out, TupleImpl.ofTree(source, new Values((Object) null), 12L, 34L));
        Input in = new Input(out.toBytes());
        TupleImpl anchored = codec.read(in);
        TupleImpl unanchored = codec.read(in);
        TupleImpl twoTrees = codec.read(in);
        TupleImpl nullValue = codec.read(in);

        // Compact: compact() has nothing left to save and returns the tuple itself, so a window keeps the same tuple.
        assertSame(anchored, anchored.compact());
        assertSame(unanchored, unanchored.compact());
        assertSame(nullValue, nullValue.compact());

        // Values and fields, as the list form.
        assertEquals(1, anchored.size());
        assertEquals("a", anchored.getValue(0));
        assertEquals("a", anchored.getString(0));
        assertEquals("a", anchored.getValueByField("word"));
        assertEquals(List.of("a"), anchored.getValues());
        assertEquals(List.of("a"), anchored.select(new Fields("word")));
        assertEquals(new Fields("word"), anchored.getFields());
        assertEquals("words", anchored.getSourceComponent());
        assertEquals(1, anchored.getSourceTask());
        assertEquals("default", anchored.getSourceStreamId());
        assertThrows(UnsupportedOperationException.class, () -> anchored.getValues().add("x"),
                "read-only, as the singleton list decoded before");
        assertThrows(IndexOutOfBoundsException.class, () -> anchored.getValue(1));
        assertEquals(java.util.Collections.singletonList(null), nullValue.getValues());

        // The tree, for anchoring and acking.
        assertTrue(anchored.isSingleTree());
        assertEquals(1, anchored.treeCount());
        assertEquals(11L, anchored.treeRoot(0));
        assertEquals(33L, anchored.treeEdge(0));
        assertEquals(MessageId.of(11L, 33L), anchored.getMessageId());
        assertEquals(0L, anchored.ackVal());
        anchored.xorAckVal(5L);
        anchored.xorAckVal(9L);
        assertEquals(5L ^ 9L, anchored.ackVal());
        assertSame(anchored, anchored.compact());
        assertEquals(5L ^ 9L, anchored.compact().ackVal(), "compact() keeps the ack value: the same tuple");

        assertFalse(unanchored.isSingleTree());
        assertEquals(0, unanchored.treeCount());
        assertEquals(MessageId.unanchored(), unanchored.getMessageId());
        assertEquals(List.of("b"), unanchored.getValues());

        // A tuple in several trees keeps its id object.
        assertEquals(MessageId.of(new long[] {1L, 2L}, new long[] {3L, 4L}), twoTrees.getMessageId());
        assertEquals(List.of("c"), twoTrees.getValues());
    }

    @Test
    void roundTripsValuesAndTreeIds() {
        Kryo kryo = KryoFactory.create(List.of(Point.class.getName()), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        Point p = new Point();
        p.x = 3;
        p.y = -4;
        TupleImpl in = new TupleImpl("words", "default", context().getComponentOutputFields("words", "default"), 1,
                new Values(new Values("word", 7L, new byte[] {1, 2}, p)),
                MessageId.of(new long[] {11L, 22L}, new long[] {33L, 44L}));
        Output out = new Output(256, -1);
        codec.write(out, in);
        TupleImpl back = codec.read(new Input(out.toBytes()));
        assertEquals("words", back.getSourceComponent());
        assertEquals(1, back.getSourceTask());
        assertEquals(in.getMessageId(), back.getMessageId());
        List<?> inner = (List<?>) back.getValue(0);
        assertEquals("word", inner.get(0));
        assertEquals(7L, inner.get(1));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) inner.get(2));
        Point q = (Point) inner.get(3);
        assertEquals(3, q.x);
        assertEquals(-4, q.y);
        assertEquals("word", back.getValueByField("word") instanceof List<?> l ? l.get(0) : null);
    }

    @Test
    void roundTripsTuplesOfNoTreeOneTreeAndSeveralTrees() {
        TupleCodec codec = new TupleCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()),
                context());
        Output out = new Output(256, -1);
        List<MessageId> ids = List.of(MessageId.unanchored(), MessageId.of(5L, 6L),
                MessageId.of(new long[] {1L, 2L, 3L}, new long[] {4L, 5L, 6L}), MessageId.of(-7L, 8L));
        for (MessageId id : ids) {
            codec.write(out, new TupleImpl("words", "default", context().getComponentOutputFields("words", "default"),
                    1, new Values("w"), id));
        }
        Input in = new Input(out.toBytes());
        for (MessageId id : ids) {
            TupleImpl back = codec.read(in);
            assertEquals(id, back.getMessageId());
            assertEquals(id.size(), back.getMessageId().size());
            assertEquals("w", back.getString(0));
        }
        assertEquals(out.position(), in.position(), "every tuple read to its last byte");
    }

    /** Declares two streams besides the default one; never run. */
    public static final class TwoStreamSpout extends BaseRichSpout {
        @Override
        public void open(Map<String, Object> conf, TopologyContext context, SpoutOutputCollector collector) {
        }

        @Override
        public void nextTuple() {
        }

        @Override
        public void declareOutputFields(OutputFieldsDeclarer declarer) {
            declarer.declare(new Fields("word"));
            declarer.declareStream("errors", new Fields("error", "code"));
            declarer.declareStream("audit", new Fields("entry"));
        }
    }

    @Test
    void sendsEachDeclaredStreamAsOneByteAndRejectsAStreamNumberItDoesNotDeclare() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("src", new TwoStreamSpout());
        GeneralTopologyContext ctx = new GeneralTopologyContext(b.createTopology(), Map.of(), Map.of(1, "src"), "t");
        TupleCodec codec = new TupleCodec(KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of()),
                ctx);
        List<TupleImpl> sent = List.of(
                new TupleImpl("src", "errors", ctx.getComponentOutputFields("src", "errors"), 1, new Values("e", "x"),
                        MessageId.unanchored()),
                new TupleImpl("src", "default", ctx.getComponentOutputFields("src", "default"), 1, new Values("w"),
                        MessageId.unanchored()),
                new TupleImpl("src", "audit", ctx.getComponentOutputFields("src", "audit"), 1, new Values("a"),
                        MessageId.unanchored()));
        Output out = new Output(256, -1);
        List<Integer> sizes = new ArrayList<>();
        for (TupleImpl t : sent) {
            int start = out.position();
            codec.write(out, t);
            sizes.add(out.position() - start);
        }
        // Task, stream, tree count and value count take a byte each; a one-letter string value three.
        assertEquals(List.of(4 + 2 * 3, 4 + 3, 4 + 3), sizes);
        Input in = new Input(out.toBytes());
        for (TupleImpl t : sent) {
            TupleImpl back = codec.read(in);
            assertEquals(t.getSourceStreamId(), back.getSourceStreamId());
            assertEquals(t.getFields().toList(), back.getFields().toList());
            assertEquals(t.getValues(), back.getValues());
        }
        byte[] bad = {2, 4, 0, 0}; // task 1, stream number 3 of 3
        KryoException e = assertThrows(KryoException.class, () -> codec.read(new Input(bad)));
        assertTrue(e.getMessage().contains("declares 3 streams"), e.getMessage());
    }

    @Test
    void unregisteredClassFailsNamingIt() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        Output out = new Output(256, -1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kryo.writeClassAndObject(out, new Point()));
        assertTrue(e.getMessage().contains(Point.class.getName()), e.getMessage());
    }

    @Test
    void truncatedBytesAreRejected() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        TupleImpl in = new TupleImpl("words", "default", context().getComponentOutputFields("words", "default"), 1,
                new Values("hello"), MessageId.unanchored());
        Output out = new Output(64, -1);
        codec.write(out, in);
        byte[] bytes = out.toBytes();
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 3);
        assertThrows(KryoException.class, () -> codec.read(new Input(cut)));
    }

    @Test
    void writesATupleInOneTreeAsKryosOwnCallsWouldWhateverTheOutput() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        var fields = context().getComponentOutputFields("words", "default");
        for (int task : new int[] {0, 1, 126, 127, 200, 20_000, 3_000_000, Integer.MAX_VALUE - 1}) {
            for (long[] ids : new long[][] {{11L, 33L}, {-1L, Long.MIN_VALUE}, {Long.MAX_VALUE, 0x0102030405060708L}}) {
                for (Values values : List.of(new Values("moon"), new Values("a", 7L, null))) {
                    var source = new io.squall.tuple.TupleSource("words", "default", fields, task);
                    TupleImpl tuple = TupleImpl.ofTree(source, values, ids[0], ids[1]);
                    Output expected = new Output(256, -1);
                    expected.writeVarInt(task + 1, true);
                    expected.writeVarInt(1, true); // "default", the words spout's only stream: index 0.
                    expected.writeVarInt(1 << 1, true);
                    expected.writeLong(ids[0]);
                    expected.writeLong(ids[1]);
                    expected.writeVarInt(values.size(), true);
                    for (Object v : values) {
                        kryo.writeClassAndObject(expected, v);
                    }
                    String what = "task " + task + ", ids " + ids[0] + "/" + ids[1] + ", values " + values;
                    Output roomy = new Output(256, -1);
                    roomy.writeBytes(new byte[] {9, 9, 9}); // Not at the start of the array.
                    codec.write(roomy, tuple);
                    assertArrayEquals(expected.toBytes(), java.util.Arrays.copyOfRange(roomy.toBytes(), 3,
                            roomy.position()), "into an array with room: " + what);
                    Output tight = new Output(4, -1); // Kryo grows it.
                    codec.write(tight, tuple);
                    assertArrayEquals(expected.toBytes(), tight.toBytes(), "into a growing array: " + what);
                    java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
                    Output streamed = new Output(stream, 8); // Kryo flushes it.
                    codec.write(streamed, tuple);
                    streamed.flush();
                    assertArrayEquals(expected.toBytes(), stream.toByteArray(), "into a stream: " + what);
                    Output parts = new Output(4, -1);
                    codec.writeOfTree(parts, source, values, ids[0], ids[1]);
                    assertArrayEquals(expected.toBytes(), parts.toBytes(), "from its parts: " + what);
                }
            }
        }
        TupleImpl back = codec.read(new Input(roundTrip(codec, TupleImpl.ofTree(new io.squall.tuple.TupleSource(
                "words", "default", fields, 1), new Values("moon"), -1L, Long.MIN_VALUE))));
        assertEquals(MessageId.of(-1L, Long.MIN_VALUE), back.getMessageId());
        assertEquals(List.of("moon"), back.getValues());
    }

    private static byte[] roundTrip(TupleCodec codec, TupleImpl tuple) {
        Output out = new Output(256, -1);
        codec.write(out, tuple);
        return out.toBytes();
    }

    @Test
    void writesStringValuesAsKryoDoesAndReadsBackWhatKryoWrote() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        TupleCodec codec = new TupleCodec(kryo, context());
        var source = new io.squall.tuple.TupleSource("words", "default",
                context().getComponentOutputFields("words", "default"), 1);
        List<Object> values = new ArrayList<>(List.of("", "a", "moon", "x".repeat(40), "Ünïcödé", 7L, 'c'));
        values.add(null);
        for (Object v : values) {
            Output ours = new Output(256, -1);
            codec.write(ours, TupleImpl.ofTree(source, new Values(v), 11L, 33L));
            Output kryos = new Output(256, -1);
            kryo.writeClassAndObject(kryos, v);
            byte[] tail = java.util.Arrays.copyOfRange(ours.toBytes(), ours.position() - kryos.position(),
                    ours.position());
            assertArrayEquals(kryos.toBytes(), tail, "the value " + v + " as Kryo writes it");
            assertEquals(java.util.Collections.singletonList(v), codec.read(new Input(ours.toBytes())).getValues());
        }
    }

    @Test
    void aStringSerializerOfTheUsersIsUsedOnBothSides() {
        Kryo kryo = KryoFactory.create(List.of(), false, getClass().getClassLoader(), List.of());
        kryo.register(String.class, new com.esotericsoftware.kryo.Serializer<String>() {
            @Override
            public void write(Kryo k, Output output, String s) {
                output.writeString(new StringBuilder(s).reverse().toString());
            }

            @Override
            public String read(Kryo k, Input input, Class<? extends String> type) {
                return new StringBuilder(input.readString()).reverse().toString();
            }
        });
        TupleCodec codec = new TupleCodec(kryo, context());
        var source = new io.squall.tuple.TupleSource("words", "default",
                context().getComponentOutputFields("words", "default"), 1);
        Output out = new Output(256, -1);
        codec.write(out, TupleImpl.ofTree(source, new Values("moon"), 11L, 33L));
        assertTrue(new String(out.toBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("noo"));
        assertEquals(List.of("moon"), codec.read(new Input(out.toBytes())).getValues());
    }
}
