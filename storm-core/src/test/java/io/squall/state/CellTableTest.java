package io.squall.state;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class CellTableTest {
    /** A cell of the test: a key and a mark that says whether a sweep removes it. */
    private static final class Entry implements CellTable.Keyed {
        final Object key;
        final int hash;
        boolean stale;

        Entry(Object key) {
            this.key = key;
            this.hash = CellTable.hash(key);
        }

        @Override
        public Object key() {
            return key;
        }

        @Override
        public int hash() {
            return hash;
        }
    }

    /** A key whose hash is chosen, so that keys collide and runs wrap around the table's end. */
    private record Colliding(int id, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    @Test
    void findsWhatAHashMapFindsThroughAddsAndSweeps() {
        Random random = new Random(12);
        for (int round = 0; round < 50; round++) {
            CellTable<Entry> table = new CellTable<>();
            Map<Object, Entry> model = new HashMap<>();
            int hashes = 1 + random.nextInt(64); // Few hashes: long runs of equal homes.
            for (int step = 0; step < 200; step++) {
                Object key = new Colliding(random.nextInt(100), random.nextInt(hashes) * 0x01000193);
                if (random.nextInt(10) < 7) {
                    if (table.get(key, CellTable.hash(key)) == null) {
                        Entry e = new Entry(key);
                        table.add(e);
                        model.put(key, e);
                    }
                } else {
                    for (Entry e : model.values()) {
                        e.stale = random.nextInt(3) == 0;
                    }
                    table.removeIf(e -> e.stale);
                    model.values().removeIf(e -> e.stale);
                }
                assertEquals(model.size(), table.size());
                for (int id = 0; id < 100; id++) {
                    for (int h = 0; h < hashes; h++) {
                        Object probe = new Colliding(id, h * 0x01000193);
                        Entry found = table.get(probe, CellTable.hash(probe));
                        Entry expected = model.get(probe);
                        if (expected == null) {
                            assertNull(found, () -> probe + " was never added or was removed");
                        } else {
                            assertSame(expected, found, () -> probe + " is in the table");
                        }
                    }
                }
            }
        }
    }

    @Test
    void holdsANullKeyAndEmptiesOnClear() {
        CellTable<Entry> table = new CellTable<>();
        Entry none = new Entry(null);
        Entry word = new Entry("word");
        table.add(none);
        table.add(word);
        assertSame(none, table.get(null, CellTable.hash(null)));
        assertSame(word, table.get(new String("word"), CellTable.hash("word")));
        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get("word", CellTable.hash("word")));
    }
}
