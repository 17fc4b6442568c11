package io.squall.grouping;

import io.squall.utils.MutableInt;
import io.squall.utils.MutableLong;
import io.squall.utils.MutableObject;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Storm's ShuffleGrouping as a custom grouping, and the small mutable holders Storm's utils have. */
class ShuffleGroupingTest {
    @Test
    void everyTargetTaskGetsTheSameShareOneTaskPerTuple() {
        ShuffleGrouping g = new ShuffleGrouping();
        g.prepare(null, null, List.of(4, 5, 6));
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            List<Integer> chosen = g.chooseTasks(1, List.of("x"));
            assertEquals(1, chosen.size());
            counts.merge(chosen.get(0), 1, Integer::sum);
        }
        assertEquals(Map.of(4, 100, 5, 100, 6, 100), counts);
    }

    @Test
    void threadsChoosingAtOnceStillGiveEveryTaskTheSameShare() throws Exception {
        ShuffleGrouping g = new ShuffleGrouping();
        g.prepare(null, null, List.of(0, 1, 2, 3, 4, 5));
        int threads = 4;
        int each = 60_000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Callable<int[]>> work = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(() -> {
                    int[] counts = new int[6];
                    for (int i = 0; i < each; i++) {
                        counts[g.chooseTasks(1, List.of("x")).get(0)]++;
                    }
                    return counts;
                });
            }
            int[] total = new int[6];
            for (java.util.concurrent.Future<int[]> f : pool.invokeAll(work)) {
                int[] counts = f.get();
                for (int i = 0; i < 6; i++) {
                    total[i] += counts[i];
                }
            }
            for (int i = 0; i < 6; i++) {
                assertEquals(threads * each / 6, total[i], "task " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMutableHoldersChangeInPlace() {
        MutableInt i = new MutableInt(1);
        assertEquals(2, i.increment());
        assertEquals(5, i.increment(3));
        MutableLong l = new MutableLong(10);
        l.set(20);
        assertEquals(21, l.increment());
        MutableObject o = new MutableObject();
        o.setObject("x");
        assertEquals("x", o.getObject());
    }
}
