package io.squall.runtime.tap;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What readers of one tap see: the last {@link #KEPT} sampled tuples, numbered, with the counters of the workers
 * that sample them. Each reader asks for the tuples after the last number it got, so several pages can follow one
 * tap. Reading renews the tap's lease: a tap no reader asked about for its lease is {@link #idleSince expired} and
 * closed by whoever owns it, so a page that went away costs nothing for long.
 *
 * <p>Values are kept as the dashboard shows them: numbers, booleans, strings and nulls as they are, lists and maps
 * of those likewise, anything else as its {@code toString()} cut at {@link #MAX_TEXT} characters.
 *
 * <p>Threads: thread-safe (it locks itself); used by the dashboard's or Nimbus's threads, never by executors.
 */
public final class TapFeed {
    /** How many tuples a feed keeps for readers that fall behind. */
    public static final int KEPT = 200;
    /** How long a tap stays open after its last read, so a page that went away stops the sampling. */
    public static final long LEASE_MILLIS = 15_000;
    /** The longest text shown of one value. */
    public static final int MAX_TEXT = 200;

    /** One sampled tuple, numbered from 1 in the order the feed got it. */
    public record Row(long seq, long timeMillis, int task, List<Object> values) { }

    /**
     * What a reader gets: the rows after the number it asked for, the last number, and the counters summed over
     * the workers: tuples emitted on the stream while tapped, tuples sampled, samples dropped because the buffer was
     * full, and rows the reader missed because more than {@link #KEPT} arrived since its last read.
     */
    public record Read(long last, List<Row> rows, long seen, long sampled, long dropped, long missed, int maxPerSec) { }

    private record Counters(long seen, long sampled, long dropped) { }

    private final int maxPerSec;
    private final Deque<Row> rows = new ArrayDeque<>();
    private final Map<String, Counters> counters = new HashMap<>();
    private long lastSeq;
    private long lastReadNanos;

    /** A feed of a tap at {@code maxPerSec}, its lease starting at {@code nowNanos}. */
    public TapFeed(int maxPerSec, long nowNanos) {
        this.maxPerSec = maxPerSec;
        this.lastReadNanos = nowNanos;
    }

    /** The rate the tap samples at. */
    public int maxPerSec() {
        return maxPerSec;
    }

    /** Adds samples taken by {@code source} (a worker) and its counters so far. */
    public synchronized void add(String source, Collection<StreamTap.Sample> samples, long seen, long sampled,
                                 long dropped) {
        for (StreamTap.Sample s : samples) {
            append(s.timeMillis(), s.task(), display(s.values()));
        }
        counters.put(source, new Counters(seen, sampled, dropped));
    }

    /** Adds a row whose values are already display values (from a worker's report). */
    public synchronized void append(long timeMillis, int task, List<Object> values) {
        rows.addLast(new Row(++lastSeq, timeMillis, task, values));
        if (rows.size() > KEPT) {
            rows.removeFirst();
        }
    }

    /** Records a source's counters (a worker's report). */
    public synchronized void counters(String source, long seen, long sampled, long dropped) {
        counters.put(source, new Counters(seen, sampled, dropped));
    }

    /** The rows after {@code after}; renews the lease at {@code nowNanos}. */
    public synchronized Read read(long after, long nowNanos) {
        lastReadNanos = nowNanos;
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (r.seq() > after) {
                out.add(r);
            }
        }
        long first = out.isEmpty() ? lastSeq + 1 : out.get(0).seq();
        long missed = Math.max(0, first - Math.max(after, 0) - 1);
        long seen = 0;
        long sampled = 0;
        long dropped = 0;
        for (Counters c : counters.values()) {
            seen += c.seen();
            sampled += c.sampled();
            dropped += c.dropped();
        }
        return new Read(lastSeq, out, seen, sampled, dropped, missed, maxPerSec);
    }

    /** When a reader last read this feed (its lease started then). */
    public synchronized long idleSince() {
        return lastReadNanos;
    }

    /** The values as the dashboard shows them (see the class comment). */
    public static List<Object> display(List<Object> values) {
        List<Object> out = new ArrayList<>(values.size());
        try {
            for (Object v : values) {
                out.add(displayValue(v, 0));
            }
        } catch (RuntimeException changing) {
            // A value changed by its owner while being read: show that rather than fail the page.
            return List.of("<unreadable: " + changing + ">");
        }
        return out;
    }

    private static Object displayValue(Object v, int depth) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (depth < 2 && v instanceof List<?> list && list.size() <= 50) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(x -> out.add(displayValue(x, depth + 1)));
            return out;
        }
        if (depth < 2 && v instanceof Map<?, ?> map && map.size() <= 50) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), displayValue(x, depth + 1)));
            return out;
        }
        String s = String.valueOf(v);
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "…";
    }
}
