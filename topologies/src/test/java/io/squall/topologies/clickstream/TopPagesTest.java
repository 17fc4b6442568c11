package io.squall.topologies.clickstream;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopPagesTest {
    @Test
    void mergesTheTasksWindowsAndRanksMostClickedFirstTiesByPage() {
        Map<String, Long> merged = TopPages.merge(List.of(Map.of("/a", 3L, "/b", 5L), Map.of("/c", 5L, "/d", 1L),
                Map.of("/a", 4L)));
        assertEquals(Map.of("/a", 7L, "/b", 5L, "/c", 5L, "/d", 1L), merged);
        assertEquals(List.of(List.of("/a", 7L), List.of("/b", 5L), List.of("/c", 5L)), TopPages.rank(merged, 3));
        assertEquals(List.of(), TopPages.rank(Map.of(), 3));
    }

    @Test
    void theGeneratorsPagesAreDistinctAndTheirOrderRotates() {
        Set<String> pages = new HashSet<>();
        for (int r = 0; r < 30; r++) {
            pages.add(ClickGenerator.page(r, 30, 0));
        }
        assertEquals(30, pages.size());
        assertEquals(ClickGenerator.page(1, 30, 0), ClickGenerator.page(0, 30, 1), "the next shift moves pages up");
        int[] hits = new int[30];
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            hits[ClickGenerator.rank(random, 30)]++;
        }
        assertTrue(hits[0] > hits[1] && hits[1] > hits[5] && hits[5] > hits[29], "a Zipf-like curve");
    }
}
