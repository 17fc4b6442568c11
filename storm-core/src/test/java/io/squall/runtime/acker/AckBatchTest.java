package io.squall.runtime.acker;

import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class AckBatchTest {
    @Test
    void consecutiveUpdatesOfOneTreeBecomeOneEntryWithTheirXorAndNothingElseIsMerged() {
        AckBatch b = new AckBatch(2);
        b.add(AckBatch.UPDATE, 3, 4, -1);
        b.add(AckBatch.UPDATE, 3, 8, -1);
        b.add(AckBatch.UPDATE, 3, 4, -1); // Back to 8: an update can cancel another, and stays an entry.
        b.add(AckBatch.UPDATE, 9, 1, -1);
        b.add(AckBatch.UPDATE, 3, 16, -1); // Not consecutive: its own entry.
        b.add(AckBatch.INIT, 5, 2, 1);
        b.add(AckBatch.UPDATE, 5, 2, -1); // After an init: its own entry, the init keeps its XOR and task.
        b.add(AckBatch.FAIL, 6, 0, 2);
        b.add(AckBatch.FAIL, 6, 0, 2); // Fails, resets and results are never merged.
        b.add(AckBatch.RESET, 7, 0, -1);
        b.add(AckBatch.RESET, 7, 0, -1);
        b.add(AckBatch.UPDATE, 7, 32, -1);
        b.add(AckBatch.UPDATE, 7, 32, -1); // XOR 0: still an entry, the tree's value is unchanged by it.
        assertEquals(List.of(new AckMessage.Update(3, 8), new AckMessage.Update(9, 1), new AckMessage.Update(3, 16),
                new AckMessage.Init(5, 2, 1), new AckMessage.Update(5, 2), new AckMessage.Fail(6, 2),
                new AckMessage.Fail(6, 2), new AckMessage.ResetTimeout(7), new AckMessage.ResetTimeout(7),
                new AckMessage.Update(7, 0)), messages(b));
    }

    @Test
    void aTreesValueAfterTheMergedEntriesIsTheSameAsAfterEachUpdate() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            AckBatch b = new AckBatch(4);
            Map<Long, Long> expected = new HashMap<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                long root = 1 + random.nextInt(3);
                long xor = random.nextLong();
                b.add(AckBatch.UPDATE, root, xor, -1);
                expected.merge(root, xor, (x, y) -> x ^ y);
            }
            Map<Long, Long> got = new HashMap<>();
            for (int i = 0; i < b.size(); i++) {
                got.merge(b.root(i), b.xor(i), (x, y) -> x ^ y);
                if (i > 0) {
                    assertNotEquals(b.root(i - 1), b.root(i), "two entries in a row for one tree");
                }
            }
            assertEquals(expected, got);
        }
    }

    @Test
    void aRecycledBatchStartsEmptyAndDoesNotMergeIntoTheLastBatchsEntry() {
        AckBatch b = new AckBatch(4, new ManyToOneConcurrentArrayQueue<>(2));
        b.add(AckBatch.UPDATE, 3, 4, -1);
        b.recycle();
        b.add(AckBatch.UPDATE, 3, 8, -1);
        assertEquals(List.of(new AckMessage.Update(3, 8)), messages(b));
    }

    private static List<AckMessage> messages(AckBatch b) {
        List<AckMessage> out = new ArrayList<>();
        for (int i = 0; i < b.size(); i++) {
            out.add(b.message(i));
        }
        return out;
    }
}
