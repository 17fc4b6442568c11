package io.squall.runtime.state;

import io.squall.runtime.api.RootAcks;
import io.squall.task.IOutputCollector;
import io.squall.task.OutputCollector;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held acks kept as numbers send what acking or failing the tuples themselves sends. */
class HeldAcksTest {
    /** Records what is sent, from numbers or from tuples. */
    private static final class Recorder implements RootAcks, IOutputCollector {
        final List<String> sent = new ArrayList<>();
        int acked;
        int failed;
        boolean detach = true;

        @Override
        public boolean detachable(Tuple input) {
            return detach;
        }

        @Override
        public void ackRoot(long root, long ackXor) {
            sent.add("ack " + root + " " + ackXor);
        }

        @Override
        public void failRoot(long root) {
            sent.add("fail " + root);
        }

        @Override
        public void countAcked(int tuples) {
            acked += tuples;
        }

        @Override
        public void countFailed(int tuples) {
            failed += tuples;
        }

        @Override
        public List<Integer> emit(String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            throw new AssertionError("no emits");
        }

        @Override
        public void emitDirect(int taskId, String streamId, Collection<Tuple> anchors, List<Object> tuple) {
            throw new AssertionError("no emits");
        }

        @Override
        public void ack(Tuple input) {
            TupleImpl t = (TupleImpl) input;
            for (int k = 0; k < t.getMessageId().size(); k++) {
                ackRoot(t.getMessageId().root(k), t.getMessageId().edge(k) ^ t.ackVal());
            }
            acked++;
        }

        @Override
        public void fail(Tuple input) {
            for (int k = 0; k < input.getMessageId().size(); k++) {
                failRoot(input.getMessageId().root(k));
            }
            failed++;
        }

        @Override
        public void resetTimeout(Tuple input) {
        }

        @Override
        public void reportError(Throwable error) {
        }
    }

    private static TupleImpl tuple(MessageId id, long ackVal) {
        TupleImpl t = new TupleImpl("split", "default", new Fields("word"), 1, List.of("w"), id);
        t.xorAckVal(ackVal);
        return t;
    }

    @Test
    void acksFromNumbersWhatAckingTheTuplesSends() {
        List<TupleImpl> tuples = List.of(
                tuple(MessageId.of(1, 10, new long[] {100}), 5),
                tuple(MessageId.of(new long[] {2, 3}, new long[] {20, 30}, new long[] {200, 300}), 6),
                tuple(MessageId.of(4, 40), 0));
        Recorder byNumbers = new Recorder();
        Recorder byTuples = new Recorder();
        HeldAcks held = new HeldAcks();
        tuples.forEach(t -> held.add(t, byNumbers));
        tuples.forEach(t -> t.xorAckVal(99)); // Read at hold time: a later anchored emit does not join the tree.
        assertEquals(3, held.tuples());

        held.ackAll(byNumbers, new OutputCollector(byNumbers));
        tuples.forEach(t -> t.xorAckVal(99));
        tuples.forEach(byTuples::ack);

        assertEquals(byTuples.sent, byNumbers.sent);
        assertEquals(3, byNumbers.acked);
        assertTrue(held.isEmpty());
    }

    @Test
    void sendsOneAckForATreesTuplesHeldInARowThatLeavesEachTreeAsTheirAcksWould() {
        SplittableRandom random = new SplittableRandom(19);
        List<TupleImpl> tuples = new ArrayList<>();
        List<Integer> groups = new ArrayList<>();
        for (int sentence = 0; sentence < 300; sentence++) {
            long root = 1 + random.nextInt(40); // Roots come back later too, out of a row.
            int words = 1 + random.nextInt(5);
            for (int w = 0; w < words; w++) {
                long key = random.nextInt(8) == 0 ? 0 : root * 1000; // Some trees without keys.
                MessageId id = key == 0 ? MessageId.of(root, random.nextLong())
                        : MessageId.of(root, random.nextLong(), new long[] {key});
                tuples.add(tuple(id, random.nextLong()));
                groups.add(random.nextInt(16));
            }
            if (random.nextInt(10) == 0) {
                tuples.add(tuple(MessageId.of(new long[] {root, root + 1}, new long[] {random.nextLong(),
                        random.nextLong()}, new long[] {root * 1000, (root + 1) * 1000}), random.nextLong()));
                groups.add(random.nextInt(16));
            }
        }
        Recorder byNumbers = new Recorder();
        Recorder byTuples = new Recorder();
        HeldAcks pending = new HeldAcks();
        HeldAcks prepared = new HeldAcks();
        for (int i = 0; i < tuples.size(); i++) {
            (i < tuples.size() / 2 ? prepared : pending).add(tuples.get(i), byNumbers, groups.get(i));
        }
        prepared.takeAll(pending);
        List<String> seen = new ArrayList<>();
        prepared.forEachGroupAndReplayKey((group, key) -> seen.add(group + ":" + key));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < tuples.size(); i++) {
            MessageId id = tuples.get(i).getMessageId();
            for (int k = 0; k < id.size(); k++) {
                expected.add(groups.get(i) + ":" + (id.hasReplayKeys() ? id.replayKey(k) : 0));
            }
        }
        assertEquals(expected, seen, "each tuple's group and key, in the order held");

        prepared.ackAll(byNumbers, new OutputCollector(byNumbers));
        tuples.forEach(byTuples::ack);
        assertEquals(byTuples.acked, byNumbers.acked);
        assertEquals(xorByRoot(byTuples.sent), xorByRoot(byNumbers.sent));
        assertTrue(byNumbers.sent.size() < byTuples.sent.size() / 2, byNumbers.sent.size() + " acks sent");
    }

    @Test
    void failsATreeOnceForItsTuplesHeldInARow() {
        Recorder acks = new Recorder();
        HeldAcks held = new HeldAcks();
        held.add(tuple(MessageId.of(1, 10, new long[] {100}), 1), acks, 0);
        held.add(tuple(MessageId.of(1, 11, new long[] {100}), 2), acks, 1);
        held.add(tuple(MessageId.of(2, 20, new long[] {200}), 3), acks, 2);
        held.add(tuple(MessageId.of(1, 12, new long[] {100}), 4), acks, 3);
        assertEquals(4, held.tuples());
        held.failAll(acks, new OutputCollector(acks));
        assertEquals(List.of("fail 1", "fail 2", "fail 1"), acks.sent);
        assertEquals(4, acks.failed);
    }

    /** Per root, the XOR of the acks sent to its tree: what the acker is left with. */
    private static Map<Long, Long> xorByRoot(List<String> sent) {
        Map<Long, Long> xor = new TreeMap<>();
        for (String s : sent) {
            String[] p = s.split(" ");
            assertEquals("ack", p[0]);
            xor.merge(Long.parseLong(p[1]), Long.parseLong(p[2]), (a, b) -> a ^ b);
        }
        return xor;
    }

    @Test
    void keepsWholeTheTuplesItMayNotDetachAndFailsBothKinds() {
        Recorder acks = new Recorder();
        HeldAcks pending = new HeldAcks();
        pending.add(tuple(MessageId.of(1, 10, new long[] {100}), 0), acks);
        acks.detach = false;
        pending.add(tuple(MessageId.of(2, 20, new long[] {200}), 0), acks);
        pending.add(tuple(MessageId.of(3, 30), 0), null);
        HeldAcks prepared = new HeldAcks();
        prepared.add(tuple(MessageId.of(4, 40, new long[] {400}), 0), new Recorder());

        prepared.takeAll(pending);
        assertTrue(pending.isEmpty());
        assertEquals(4, prepared.tuples());
        List<Long> keys = new ArrayList<>();
        prepared.forEachReplayKey(keys::add);
        assertEquals(List.of(400L, 100L, 200L, 0L), keys);

        prepared.failAll(acks, new OutputCollector(acks));
        assertEquals(List.of("fail 4", "fail 1", "fail 2", "fail 3"), acks.sent);
        assertEquals(4, acks.failed);
        assertTrue(prepared.isEmpty());
    }

    @Test
    void growsPastItsFirstArrays() {
        Recorder acks = new Recorder();
        HeldAcks held = new HeldAcks();
        for (int i = 1; i <= 5000; i++) {
            held.add(tuple(MessageId.of(i, i, new long[] {i}), 0), acks);
        }
        long[] sum = {0};
        held.forEachReplayKey(k -> sum[0] += k);
        assertEquals(5000L * 5001 / 2, sum[0]);
        held.ackAll(acks, new OutputCollector(acks));
        assertEquals(5000, acks.sent.size());
        assertEquals("ack 5000 5000", acks.sent.get(4999)); // Edge 5000, ack value 0.
    }

    @Test
    void keepsTheKeyGroupOfEachHeldTupleAcrossTakeAll() {
        Recorder acks = new Recorder();
        HeldAcks pending = new HeldAcks();
        pending.add(tuple(MessageId.of(1, 10, new long[] {100}), 0), acks, 3);
        pending.add(tuple(MessageId.of(new long[] {2, 5}, new long[] {20, 50}, new long[] {200, 500}), 0), acks, 1);
        acks.detach = false;
        pending.add(tuple(MessageId.of(3, 30, new long[] {300}), 0), acks, 2);
        HeldAcks prepared = new HeldAcks();
        prepared.add(tuple(MessageId.of(4, 40, new long[] {400}), 0), null, 0);

        prepared.takeAll(pending);
        List<String> seen = new ArrayList<>();
        prepared.forEachGroupAndReplayKey((group, key) -> seen.add(group + ":" + key));
        assertEquals(List.of("3:100", "1:200", "1:500", "0:400", "2:300"), seen);
    }
}
