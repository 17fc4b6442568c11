package io.squall.runtime.acker;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingRingTest {
    private static final long LAST_SEQUENCE = -1L >>> SpoutRoots.TASK_BITS;

    @Test
    void aTreeCompletesWhenItsEdgesXorToZero() {
        PendingRing<String> ring = new PendingRing<>(3, 4, 100);
        long root = ring.nextRoot(7);
        assertEquals(7, SpoutRoots.spoutTask(root));
        ring.add(root, "task", "m1", 55, 0b1010);
        assertEquals(PendingRing.PENDING, ring.update(root, 0b1000));
        assertEquals(PendingRing.COMPLETED, ring.update(root, 0b0010));
        assertEquals("task", ring.endedOwner());
        assertEquals("m1", ring.endedMessageId());
        assertEquals(55, ring.endedEmitNanos());
        assertEquals(0, ring.size());
        assertEquals(PendingRing.ABSENT, ring.update(root, 1), "an ack after the end is ignored");
        assertFalse(ring.remove(root));
    }

    @Test
    void aReusedSlotEndsWithTheOwnerOfItsNewTree() {
        PendingRing<String> ring = new PendingRing<>(3, 4, 100);
        String[] owners = {"a", "a", "b", "a", "c", "c", "b"};
        for (int i = 0; i < 20 * ring.capacity(); i++) {
            String owner = owners[(i / ring.capacity() + i) % owners.length];
            long root = ring.nextRoot(1);
            ring.add(root, owner, "m" + i, i, 1);
            assertEquals(PendingRing.COMPLETED, ring.update(root, 1));
            assertEquals(owner, ring.endedOwner(), "tree " + i);
            assertEquals("m" + i, ring.endedMessageId(), "tree " + i);
        }
        assertEquals(0, ring.size());
    }

    @Test
    void aRootOfAnotherTaskOrAnOldSequenceIsNotFound() {
        PendingRing<String> ring = new PendingRing<>(3, 4, 100);
        long root = ring.nextRoot(7);
        ring.add(root, "task", "m1", 0, 1);
        assertEquals(PendingRing.ABSENT, ring.update(SpoutRoots.root(100, 8), 1), "another task's tree");
        assertEquals(PendingRing.ABSENT, ring.update(SpoutRoots.root(99, 7), 1), "before the first root");
        assertEquals(PendingRing.ABSENT, ring.update(SpoutRoots.root(101, 7), 1), "not handed out yet");
        assertFalse(ring.touch(0));
        assertEquals(1, ring.size());
    }

    @Test
    void sequencesWrapAroundTheirBits() {
        PendingRing<Integer> ring = new PendingRing<>(3, 4, LAST_SEQUENCE - 20);
        ArrayDeque<Long> roots = new ArrayDeque<>();
        for (int i = 0; i < 40; i++) {
            long root = ring.nextRoot(1);
            assertNotEquals(0, root);
            ring.add(root, i, "m" + i, i, 1);
            roots.add(root);
            if (roots.size() > 5) {
                assertEquals(PendingRing.COMPLETED, ring.update(roots.poll(), 1));
            }
        }
        assertEquals(5, ring.size());
        assertEquals(16, ring.capacity(), "in-order acks never need more room");
        for (long root : roots) {
            assertTrue(ring.remove(root));
        }
        assertEquals(0, ring.size());
    }

    @Test
    void growsWhenMoreTreesArePendingThanItHasRoomFor() {
        PendingRing<Integer> ring = new PendingRing<>(3, 0, 5);
        List<Long> roots = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long root = ring.nextRoot(2);
            ring.add(root, i, i, i, i + 1);
            roots.add(root);
        }
        assertEquals(1000, ring.size());
        assertEquals(1024, ring.capacity());
        assertEquals(0, ring.spilledCount());
        for (int i = 999; i >= 0; i--) {
            assertEquals(PendingRing.COMPLETED, ring.update(roots.get(i), i + 1));
            assertEquals(i, ring.endedOwner());
        }
        assertEquals(0, ring.size());
    }

    @Test
    void aStragglerMovesOutOfTheWayInsteadOfGrowingTheRing() {
        PendingRing<Integer> ring = new PendingRing<>(3, 8, 0);
        long straggler = ring.nextRoot(1);
        ring.add(straggler, -1, "late", 0, 1);
        for (int i = 0; i < 10_000; i++) {
            long root = ring.nextRoot(1);
            ring.add(root, i, i, i, 1);
            assertEquals(PendingRing.COMPLETED, ring.update(root, 1));
        }
        assertEquals(16, ring.capacity());
        assertEquals(1, ring.spilledCount());
        assertTrue(ring.touch(straggler));
        assertEquals(PendingRing.COMPLETED, ring.update(straggler, 1));
        assertEquals("late", ring.endedMessageId());
        assertEquals(0, ring.size());
    }

    @Test
    void expiresATreeOnTheRotationThatDropsItsBucket() {
        PendingRing<String> ring = new PendingRing<>(3, 4, 0);
        long root = ring.nextRoot(1);
        ring.add(root, "t", "m", 0, 1);
        List<Object> expired = new ArrayList<>();
        ring.rotate((owner, id) -> expired.add(id));
        ring.rotate((owner, id) -> expired.add(id));
        assertEquals(List.of(), expired, "alive for numBuckets - 1 rotations");
        ring.rotate((owner, id) -> expired.add(id));
        assertEquals(List.of("m"), expired);
        assertEquals(0, ring.size());
        assertEquals(PendingRing.ABSENT, ring.update(root, 1), "a late ack of a timed-out tree is ignored");
    }

    @Test
    void touchRestartsTheTimeoutInTheRingAndOfASpilledTree() {
        PendingRing<String> ring = new PendingRing<>(2, 4, 0);
        long touched = ring.nextRoot(1);
        ring.add(touched, "t", "old, touched", 0, 1);
        ring.add(ring.nextRoot(1), "t", "old", 0, 1);
        for (int i = 0; i < 64; i++) { // Pushes both out of the ring's span.
            long root = ring.nextRoot(1);
            ring.add(root, "t", "x", 0, 1);
            ring.remove(root);
        }
        assertEquals(2, ring.spilledCount());
        long fresh = ring.nextRoot(1);
        ring.add(fresh, "t", "fresh", 0, 1);
        ring.rotate((o, id) -> {
            throw new AssertionError("expired early: " + id);
        });
        assertTrue(ring.touch(touched));
        assertTrue(ring.touch(fresh));
        List<Object> expired = new ArrayList<>();
        ring.rotate((o, id) -> expired.add(id));
        assertEquals(List.of("old"), expired);
        ring.rotate((o, id) -> expired.add(id));
        assertEquals(List.of("old", "fresh", "old, touched"), expired, "the ring's first, then the spilled");
    }

    @Test
    void anExpiryCallbackMayEmitAgain() {
        PendingRing<String> ring = new PendingRing<>(2, 0, 0);
        for (int i = 0; i < 20; i++) {
            ring.add(ring.nextRoot(1), "t", i, 0, 1);
        }
        List<Long> replays = new ArrayList<>();
        ring.rotate(null);
        ring.rotate((owner, id) -> {
            long root = ring.nextRoot(1); // A spout that replays in fail: the ring may grow meanwhile.
            ring.add(root, owner, id, 0, 1);
            replays.add(root);
        });
        assertEquals(20, replays.size());
        assertEquals(20, ring.size());
        for (long root : replays) {
            assertEquals(PendingRing.COMPLETED, ring.update(root, 1));
        }
    }

    @Test
    void failRemovesATreeWhereverItIs() {
        PendingRing<String> ring = new PendingRing<>(3, 4, 0);
        long old = ring.nextRoot(3);
        ring.add(old, "t", "old", 0, 1);
        for (int i = 0; i < 100; i++) {
            long root = ring.nextRoot(3);
            ring.add(root, "t", i, 0, 1);
            ring.remove(root);
        }
        long young = ring.nextRoot(3);
        ring.add(young, "t", "young", 0, 1);
        assertTrue(ring.remove(old));
        assertEquals("old", ring.endedMessageId());
        assertTrue(ring.remove(young));
        assertEquals("young", ring.endedMessageId());
        assertFalse(ring.remove(young));
        assertEquals(0, ring.size());
    }

    /** Random emits, acks in random order, fails and rotations against a map of what should be pending. */
    @Test
    void agreesWithAMapUnderRandomOperations() {
        SplittableRandom random = new SplittableRandom(42);
        PendingRing<Integer> ring = new PendingRing<>(4, 16, LAST_SEQUENCE - 3000);
        Map<Long, Long> xors = new HashMap<>();
        Map<Long, Integer> generationOf = new HashMap<>();
        List<Long> live = new ArrayList<>();
        int generation = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(100);
            if (op < 45 || live.isEmpty()) {
                long root = ring.nextRoot(1 + random.nextInt(5));
                long xor = random.nextLong() | 1;
                ring.add(root, step, root, step, xor);
                xors.put(root, xor);
                generationOf.put(root, generation);
                live.add(root);
            } else if (op < 95) {
                // Mostly the oldest trees, sometimes any.
                int k = random.nextInt(10) == 0 ? random.nextInt(live.size()) : random.nextInt(Math.min(8, live.size()));
                long root = live.get(k);
                long xor = xors.get(root);
                long part = random.nextLong();
                if (part == xor) {
                    continue;
                }
                assertEquals(PendingRing.PENDING, ring.update(root, part));
                assertEquals(PendingRing.COMPLETED, ring.update(root, xor ^ part));
                assertEquals(root, ring.endedMessageId());
                xors.remove(root);
                live.remove(k);
            } else if (op < 98) {
                long root = live.remove(random.nextInt(live.size()));
                assertTrue(ring.remove(root));
                xors.remove(root);
            } else if (op < 99) {
                long root = live.get(random.nextInt(live.size()));
                assertTrue(ring.touch(root));
                generationOf.put(root, generation);
            } else {
                generation++;
                int oldest = generation - 4;
                List<Object> expired = new ArrayList<>();
                ring.rotate((owner, id) -> expired.add(id));
                for (Object id : expired) {
                    long root = (Long) id;
                    assertTrue(generationOf.get(root) <= oldest, "expired too early");
                    xors.remove(root);
                    live.remove(root);
                }
                for (long root : live) {
                    assertTrue(generationOf.get(root) > oldest, "not expired in time");
                }
            }
            assertEquals(live.size(), ring.size());
        }
        assertTrue(ring.capacity() <= 4 * 1024, "the ring stays near the number pending: " + ring.capacity());
    }

    @Test
    void rejectsFewerThanTwoBuckets() {
        assertThrows(IllegalArgumentException.class, () -> new PendingRing<>(1, 4, 0));
    }
}
