package io.squall.daemon.logviewer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pages of a log file and searches it, with bounded work: a page holds at most {@code maxPageBytes}, a search
 * reads at most {@code maxScanBytes} of the file and keeps {@code CONTEXT_BYTES} on each side of a match. Offsets
 * are bytes from the start of the file; text is decoded as UTF-8 (a character cut by a page's edge shows as U+FFFD).
 * A file may grow while it is read (a worker writing it): each call reads the length once and stays within it.
 *
 * <p>Immutable and thread-safe.
 */
public final class LogReader {
    /** A page's length when the request gives none: Storm's logviewer default. */
    public static final int DEFAULT_PAGE_BYTES = 51_200;
    /** Bytes of context kept before and after a match, as Storm's logviewer. */
    public static final int CONTEXT_BYTES = 128;
    /** Longest search string in bytes, as Storm's logviewer. */
    public static final int MAX_SEARCH_BYTES = 1024;
    /** Most matches one search request returns. */
    public static final int MAX_MATCHES = 100;
    /** Matches a search returns when the request gives no count, as Storm. */
    public static final int DEFAULT_MATCHES = 10;
    private static final int SCAN_CHUNK_BYTES = 64 * 1024;

    private final int maxPageBytes;
    private final long maxScanBytes;
    private final int chunkBytes;

    /**
     * @param maxPageBytes most bytes a page holds ({@code logviewer.max.page.bytes})
     * @param maxScanBytes most bytes one search reads ({@code logviewer.search.max.scan.bytes})
     */
    public LogReader(int maxPageBytes, long maxScanBytes) {
        this(maxPageBytes, maxScanBytes, SCAN_CHUNK_BYTES);
    }

    /** As above, reading the file in chunks of {@code chunkBytes} when searching (tests use small chunks). */
    LogReader(int maxPageBytes, long maxScanBytes, int chunkBytes) {
        if (maxPageBytes < 1 || maxScanBytes < 1 || chunkBytes < 1) {
            throw new IllegalArgumentException("page, scan and chunk sizes must be positive");
        }
        this.maxPageBytes = maxPageBytes;
        this.maxScanBytes = maxScanBytes;
        this.chunkBytes = chunkBytes;
    }

    /**
     * One page of a file.
     *
     * @param start      the offset of its first byte
     * @param length     the bytes it holds
     * @param fileLength the file's length when it was read
     * @param text       its bytes as UTF-8
     */
    public record Page(long start, int length, long fileLength, String text) {
        /** The start of the page before, or -1 at the file's start. */
        public long previousStart(int pageBytes) {
            return start == 0 ? -1 : Math.max(0, start - pageBytes);
        }

        /** The start of the page after, or -1 when this one reaches the file's end. */
        public long nextStart() {
            return start + length >= fileLength ? -1 : start + length;
        }
    }

    /** The length a page request gets: the default when absent, cut to {@code maxPageBytes}. */
    public int pageLength(Long requested) {
        if (requested == null) {
            return Math.min(DEFAULT_PAGE_BYTES, maxPageBytes);
        }
        if (requested < 1) {
            throw new LogRequestException(400, "length must be at least 1, got " + requested);
        }
        return (int) Math.min(requested, maxPageBytes);
    }

    /**
     * Reads a page of {@code file}: {@code length} bytes (see {@link #pageLength}) from {@code start}, or the file's
     * last page when {@code start} is null, as Storm's log page opens at the end. A start past the end gives an
     * empty page at the end.
     *
     * @throws LogRequestException 400 for a negative start or a length below 1
     */
    public Page page(Path file, Long start, Long length) throws IOException {
        int len = pageLength(length);
        if (start != null && start < 0) {
            throw new LogRequestException(400, "start must be 0 or more, got " + start);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = start == null ? Math.max(0, size - len) : Math.min(start, size);
            int n = (int) Math.min(len, size - from);
            byte[] bytes = readFully(ch, from, n);
            return new Page(from, bytes.length, size, new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** A match: its offset in the file, the match itself and up to {@link #CONTEXT_BYTES} around it. */
    public record Match(long byteOffset, String beforeString, String matchString, String afterString) { }

    /**
     * A search's answer.
     *
     * @param startByteOffset  where it started
     * @param matches          the matches found, in file order
     * @param nextByteOffset   where to go on (after the last match, or where the scan stopped), or null when the
     *                         search reached the file's end with fewer matches than asked
     * @param scanLimitReached whether it stopped because it read {@code maxScanBytes}
     */
    public record SearchResult(long startByteOffset, List<Match> matches, Long nextByteOffset,
                               boolean scanLimitReached) { }

    /**
     * The number of matches a search request gets: {@link #DEFAULT_MATCHES} when absent, at most
     * {@link #MAX_MATCHES}.
     */
    public static int matchCount(Long requested) {
        if (requested == null) {
            return DEFAULT_MATCHES;
        }
        if (requested < 1) {
            throw new LogRequestException(400, "num-matches must be at least 1, got " + requested);
        }
        return (int) Math.min(requested, MAX_MATCHES);
    }

    /**
     * Finds the first {@code numMatches} occurrences of {@code search} (as UTF-8 bytes) in {@code file} at or after
     * {@code startOffset}, reading at most {@code maxScanBytes}. Matches may overlap chunk boundaries; they do not
     * overlap each other.
     *
     * @throws LogRequestException 400 for an empty or too long search string, or an offset outside the file
     */
    public SearchResult search(Path file, String search, long startOffset, int numMatches) throws IOException {
        byte[] needle = search == null ? new byte[0] : search.getBytes(StandardCharsets.UTF_8);
        if (needle.length == 0) {
            throw new LogRequestException(400, "Missing search-string: give the text to search for");
        }
        if (needle.length > MAX_SEARCH_BYTES) {
            throw new LogRequestException(400, "search-string is " + needle.length + " bytes; at most "
                    + MAX_SEARCH_BYTES + " are allowed");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (startOffset < 0 || startOffset > size) {
                throw new LogRequestException(400, "start-byte-offset must be between 0 and the file's length "
                        + size + ", got " + startOffset);
            }
            long scanEnd = Math.min(size, startOffset + maxScanBytes);
            List<Match> matches = new ArrayList<>();
            long pos = startOffset; // every match start before pos has been examined
            // Each chunk overlaps the next by needle.length - 1 bytes, so a match across their edge is seen once.
            int chunk = Math.max(chunkBytes, needle.length);
            while (pos + needle.length <= scanEnd && matches.size() < numMatches) {
                byte[] buf = readFully(ch, pos, (int) Math.min(chunk + needle.length - 1L, scanEnd - pos));
                long chunkNext = pos + Math.max(1, buf.length - needle.length + 1);
                long afterLast = pos;
                int at = indexOf(buf, needle, 0);
                while (at >= 0 && matches.size() < numMatches) {
                    matches.add(matchAt(ch, pos + at, needle.length, size));
                    afterLast = pos + at + needle.length;
                    at = indexOf(buf, needle, at + needle.length);
                }
                pos = matches.size() >= numMatches ? afterLast : Math.max(chunkNext, afterLast);
            }
            boolean full = matches.size() >= numMatches;
            boolean limited = !full && scanEnd < size;
            Long next = (full || limited) && pos < size ? pos : null;
            return new SearchResult(startOffset, List.copyOf(matches), next, limited);
        }
    }

    private Match matchAt(FileChannel ch, long offset, int length, long size) throws IOException {
        long beforeStart = Math.max(0, offset - CONTEXT_BYTES);
        byte[] before = readFully(ch, beforeStart, (int) (offset - beforeStart));
        byte[] match = readFully(ch, offset, length);
        long afterStart = offset + length;
        byte[] after = readFully(ch, afterStart, (int) Math.min(CONTEXT_BYTES, size - afterStart));
        return new Match(offset, new String(before, StandardCharsets.UTF_8), new String(match, StandardCharsets.UTF_8),
                new String(after, StandardCharsets.UTF_8));
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Reads up to {@code n} bytes at {@code at}; fewer only when the file ends first. */
    private static byte[] readFully(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(Math.max(0, n));
        while (buf.hasRemaining()) {
            int r = ch.read(buf, at + buf.position());
            if (r < 0) {
                break;
            }
        }
        byte[] out = new byte[buf.position()];
        buf.flip().get(out);
        return out;
    }
}
