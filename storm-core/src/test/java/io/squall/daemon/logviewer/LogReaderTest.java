package io.squall.daemon.logviewer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("worker-t-1-6700.log"), text);
    }

    @Test
    void withoutStartThePageIsTheFilesTail() throws IOException {
        Path f = file("0123456789abcdefghij");
        LogReader.Page p = new LogReader(1000, 1000).page(f, null, 5L);
        assertEquals(15, p.start());
        assertEquals("fghij", p.text());
        assertEquals(20, p.fileLength());
        assertEquals(-1, p.nextStart());
        assertEquals(10, p.previousStart(5));
        LogReader.Page all = new LogReader(1000, 1000).page(f, null, null);
        assertEquals(0, all.start());
        assertEquals("0123456789abcdefghij", all.text());
    }

    @Test
    void pagesFollowEachOtherFromAStart() throws IOException {
        Path f = file("0123456789abcdefghij");
        LogReader r = new LogReader(1000, 1000);
        LogReader.Page first = r.page(f, 0L, 8L);
        assertEquals("01234567", first.text());
        assertEquals(-1, first.previousStart(8));
        assertEquals(8, first.nextStart());
        LogReader.Page second = r.page(f, first.nextStart(), 8L);
        assertEquals("89abcdef", second.text());
        assertEquals(0, second.previousStart(8));
        LogReader.Page last = r.page(f, second.nextStart(), 8L);
        assertEquals("ghij", last.text());
        assertEquals(-1, last.nextStart());
    }

    @Test
    void aStartPastTheEndIsAnEmptyPageAtTheEnd() throws IOException {
        LogReader.Page p = new LogReader(1000, 1000).page(file("abc"), 1_000_000L, 10L);
        assertEquals(3, p.start());
        assertEquals(0, p.length());
        assertEquals("", p.text());
    }

    @Test
    void aHugeLengthIsCutToTheMaximumPage() throws IOException {
        Path f = file("x".repeat(5000));
        LogReader r = new LogReader(1024, 1000);
        LogReader.Page p = r.page(f, 0L, Long.MAX_VALUE);
        assertEquals(1024, p.length());
        assertEquals(1024, r.pageLength(null)); // the 51,200-byte default is cut too
        assertEquals(1024, new LogReader(1024, 1000).page(f, null, null).length());
    }

    @Test
    void negativeStartsAndLengthsAreBadRequests() throws IOException {
        Path f = file("abc");
        LogReader r = new LogReader(1000, 1000);
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.page(f, -1L, 10L)).status());
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.page(f, 0L, 0L)).status());
        assertEquals(400, assertThrows(LogRequestException.class, () -> LogReader.matchCount(0L)).status());
        assertEquals(LogReader.MAX_MATCHES, LogReader.matchCount(1_000_000L));
    }

    @Test
    void searchGivesEachMatchsByteOffsetAndContext() throws IOException {
        String before = "y".repeat(200);
        String text = before + "ERROR one\n" + "ok\n" + "ERROR two\n";
        Path f = file(text);
        LogReader.SearchResult r = new LogReader(1000, 1_000_000).search(f, "ERROR", 0, 10);
        assertEquals(2, r.matches().size());
        LogReader.Match m = r.matches().get(0);
        assertEquals(200, m.byteOffset());
        assertEquals("y".repeat(LogReader.CONTEXT_BYTES), m.beforeString());
        assertEquals("ERROR", m.matchString());
        assertEquals(" one\nok\nERROR two\n", m.afterString());
        assertEquals(text.indexOf("ERROR two"), r.matches().get(1).byteOffset());
        assertNull(r.nextByteOffset(), "the search reached the end");
        assertFalse(r.scanLimitReached());
    }

    @Test
    void offsetsAreInBytesNotCharacters() throws IOException {
        Path f = file("héllo wörld ERROR");
        LogReader.Match m = new LogReader(1000, 1000).search(f, "wörld", 0, 10).matches().get(0);
        assertEquals("héllo ".getBytes(StandardCharsets.UTF_8).length, m.byteOffset());
        assertEquals("héllo ", m.beforeString());
    }

    @Test
    void aMatchAcrossTheReadChunksEdgeIsFoundOnce() throws IOException {
        // Chunks of 8 bytes: "NEEDLE" starts at 5 and ends at 11, across the first chunk's edge.
        Path f = file("abcdeNEEDLEfghNEEDLE");
        LogReader.SearchResult r = new LogReader(1000, 1000, 8).search(f, "NEEDLE", 0, 10);
        assertEquals(List.of(5L, 14L), r.matches().stream().map(LogReader.Match::byteOffset).toList());
    }

    @Test
    void overlappingOccurrencesAreCountedWithoutOverlap() throws IOException {
        Path f = file("aaaaa");
        LogReader.SearchResult r = new LogReader(1000, 1000, 2).search(f, "aa", 0, 10);
        assertEquals(List.of(0L, 2L), r.matches().stream().map(LogReader.Match::byteOffset).toList());
    }

    @Test
    void numMatchesStopsTheSearchAndNextByteOffsetGoesOn() throws IOException {
        Path f = file("x1 x2 x3 x4 x5");
        LogReader r = new LogReader(1000, 1000, 4);
        LogReader.SearchResult first = r.search(f, "x", 0, 2);
        assertEquals(List.of(0L, 3L), first.matches().stream().map(LogReader.Match::byteOffset).toList());
        assertEquals(4L, first.nextByteOffset());
        LogReader.SearchResult second = r.search(f, "x", first.nextByteOffset(), 10);
        assertEquals(List.of(6L, 9L, 12L), second.matches().stream().map(LogReader.Match::byteOffset).toList());
        assertNull(second.nextByteOffset());
    }

    @Test
    void theScanLimitBoundsTheWorkAndSaysWhereToGoOn() throws IOException {
        String text = "-".repeat(100) + "FIND" + "-".repeat(100);
        Path f = file(text);
        LogReader r = new LogReader(1000, 102, 16);
        LogReader.SearchResult first = r.search(f, "FIND", 0, 10);
        assertEquals(List.of(), first.matches());
        assertTrue(first.scanLimitReached());
        // The match straddles the limit, so the next request must start before it.
        assertTrue(first.nextByteOffset() <= 100, String.valueOf(first.nextByteOffset()));
        LogReader.SearchResult second = r.search(f, "FIND", first.nextByteOffset(), 10);
        assertEquals(List.of(100L), second.matches().stream().map(LogReader.Match::byteOffset).toList());
    }

    @Test
    void badSearchesAreRefused() throws IOException {
        Path f = file("abc");
        LogReader r = new LogReader(1000, 1000);
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.search(f, "", 0, 1)).status());
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.search(f, null, 0, 1)).status());
        assertEquals(400, assertThrows(LogRequestException.class,
                () -> r.search(f, "x".repeat(LogReader.MAX_SEARCH_BYTES + 1), 0, 1)).status());
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.search(f, "a", 4, 1)).status());
        assertEquals(400, assertThrows(LogRequestException.class, () -> r.search(f, "a", -1, 1)).status());
        assertEquals(List.of(), r.search(f, "a", 3, 1).matches());
    }
}
