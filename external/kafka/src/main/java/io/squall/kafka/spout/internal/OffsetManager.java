package io.squall.kafka.spout.internal;

import org.apache.kafka.common.TopicPartition;

import java.util.TreeSet;

/**
 * What one partition's records are doing, to know how far the spout may commit. A record is outstanding from the
 * moment it is fetched until it is done (acked, given up, or skipped); the spout may commit up to the first
 * outstanding offset, or past everything fetched when nothing is outstanding. So a commit never passes a record
 * whose tuple has not completed, and offsets Kafka never returned (compacted away, transaction markers) do not hold
 * commits back. Owned by the spout's executor thread.
 */
public final class OffsetManager {
    private final TopicPartition topicPartition;
    private final TreeSet<Long> outstanding = new TreeSet<>();
    /** The offset after the last record fetched (or the start offset before any). */
    private long fetchedEnd;
    /** The last offset committed, or -1 if none by this spout. */
    private long committed = -1;
    /** The committable offset when it was last seen to move, and when that was (-1: not watched yet). */
    private long progressOffset = -1;
    private long progressAtMs = -1;
    /** When a stall was last reported, or -1. */
    private long stallReportedAtMs = -1;

    /** A partition read from {@code startOffset}; {@code committedOffset} is the group's commit, or -1. */
    public OffsetManager(TopicPartition topicPartition, long startOffset, long committedOffset) {
        this.topicPartition = topicPartition;
        this.fetchedEnd = startOffset;
        this.committed = committedOffset;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    /** A record at {@code offset} was fetched and is now outstanding. */
    public void fetched(long offset) {
        outstanding.add(offset);
        fetchedEnd = Math.max(fetchedEnd, offset + 1);
    }

    /** Kafka skipped to {@code offset} without a record before it (a record that could not be deserialized). */
    public void skippedTo(long offset) {
        fetchedEnd = Math.max(fetchedEnd, offset);
    }

    /** The record at {@code offset} is done; returns false if it was not outstanding. */
    public boolean done(long offset) {
        return outstanding.remove(offset);
    }

    /** Whether the record at {@code offset} is outstanding. */
    public boolean isOutstanding(long offset) {
        return outstanding.contains(offset);
    }

    /** How many records are fetched and not done. */
    public int outstandingCount() {
        return outstanding.size();
    }

    /** The offset a commit may name now: the next record to read after a restart. */
    public long committableOffset() {
        return outstanding.isEmpty() ? fetchedEnd : outstanding.first();
    }

    /** The committable offset if it is beyond what was committed, else -1. */
    public long nextCommit() {
        long c = committableOffset();
        return c > committed ? c : -1;
    }

    /** {@code offset} was committed. */
    public void committed(long offset) {
        committed = Math.max(committed, offset);
    }

    /** The last committed offset, or -1. */
    public long lastCommitted() {
        return committed;
    }

    /**
     * For how long, as of {@code nowMs}, the committable offset has not moved while a record was outstanding: 0 when
     * it moved since the last call or nothing is outstanding. A partition whose first outstanding record never
     * completes holds every later commit back, so the spout watches this.
     */
    public long stalledMs(long nowMs) {
        long offset = committableOffset();
        if (outstanding.isEmpty() || offset != progressOffset || progressAtMs < 0) {
            progressOffset = offset;
            progressAtMs = outstanding.isEmpty() ? -1 : nowMs;
            stallReportedAtMs = -1;
            return 0;
        }
        return nowMs - progressAtMs;
    }

    /**
     * Whether the partition has been stalled (see {@link #stalledMs}) for at least {@code stallMs} and this was not
     * reported within the last {@code stallMs}; a true answer counts as the report.
     */
    public boolean stallReportDue(long nowMs, long stallMs) {
        if (stalledMs(nowMs) < stallMs || (stallReportedAtMs >= 0 && nowMs - stallReportedAtMs < stallMs)) {
            return false;
        }
        stallReportedAtMs = nowMs;
        return true;
    }

    /** The first outstanding offset, or -1 if none. */
    public long firstOutstanding() {
        return outstanding.isEmpty() ? -1 : outstanding.first();
    }

    /** The offset after the last record fetched. */
    public long fetchedEnd() {
        return fetchedEnd;
    }
}
