package io.squall.kafka.spout;

/**
 * Where a spout starts reading a partition it is given.
 * <ul>
 * <li>{@link #EARLIEST}, {@link #LATEST}, {@link #TIMESTAMP}: from the beginning (end) of the partition, or its first
 * record whose timestamp is at least the config's {@code startTimeStamp}, when this topology first reads it,
 * ignoring what another deployment of the topology committed; after that (a restart of a task, a worker moved) from
 * what this topology committed.</li>
 * <li>{@link #UNCOMMITTED_EARLIEST}, {@link #UNCOMMITTED_LATEST}, {@link #UNCOMMITTED_TIMESTAMP}: from the consumer
 * group's committed offset if there is one, else as the strategy without {@code UNCOMMITTED_}.</li>
 * </ul>
 * A {@code TIMESTAMP} strategy on a partition with no record that recent starts at its end.
 */
public enum FirstPollOffsetStrategy {
    EARLIEST, LATEST, TIMESTAMP, UNCOMMITTED_EARLIEST, UNCOMMITTED_LATEST, UNCOMMITTED_TIMESTAMP;

    /** Whether a partition without a usable committed offset is read from its beginning. */
    boolean fromBeginning() {
        return this == EARLIEST || this == UNCOMMITTED_EARLIEST;
    }

    /** Whether a partition without a usable committed offset is read from the start timestamp. */
    boolean fromTimestamp() {
        return this == TIMESTAMP || this == UNCOMMITTED_TIMESTAMP;
    }

    /** Whether an offset committed by another deployment of the topology is honoured. */
    boolean honoursAnyCommit() {
        return this == UNCOMMITTED_EARLIEST || this == UNCOMMITTED_LATEST || this == UNCOMMITTED_TIMESTAMP;
    }
}
