package io.squall.runtime.windowing;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fired window's lists: appends across chunks, a short first chunk that grows, and read-only to the bolt. */
class ChunkedListTest {
    @Test
    void holdsWhatWasAppendedAcrossChunksInOrder() {
        for (int expected : new int[] {1, 100, HeldEvents.CHUNK, 5 * HeldEvents.CHUNK}) {
            ChunkedList<Integer> list = new ChunkedList<>(expected);
            List<Integer> model = new ArrayList<>();
            Object[] block = new Object[HeldEvents.CHUNK + 3];
            int next = 0;
            while (model.size() < 3 * HeldEvents.CHUNK) {
                if (next % 3 == 0) {
                    int n = 1 + next % block.length;
                    for (int i = 0; i < n; i++) {
                        block[i] = next + i;
                        model.add(next + i);
                    }
                    list.append(block, 0, n);
                    next += n;
                } else {
                    list.append(next);
                    model.add(next++);
                }
            }
            assertEquals(model, list);
            assertEquals(model.size(), list.size());
            assertEquals(model.subList(10, HeldEvents.CHUNK + 20), list.subList(10, HeldEvents.CHUNK + 20));
        }
    }

    @Test
    void isReadOnlyAndChecksIndices() {
        ChunkedList<String> list = new ChunkedList<>();
        list.append("a");
        assertThrows(UnsupportedOperationException.class, () -> list.add("b"));
        assertThrows(UnsupportedOperationException.class, () -> list.set(0, "b"));
        assertThrows(UnsupportedOperationException.class, () -> list.remove(0));
        assertThrows(UnsupportedOperationException.class, list::clear);
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(1));
        assertThrows(IndexOutOfBoundsException.class, () -> list.get(-1));
        assertEquals(List.of("a"), list);
    }
}
