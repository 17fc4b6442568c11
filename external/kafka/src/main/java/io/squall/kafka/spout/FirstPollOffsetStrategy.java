package io.squall.kafka.spout;

/**
 * Where a spout starts reading a partition it is given.
 * <ul>
 * <li>{@link #EARLIEST}, {@link #LATEST}: from the beginning (end) of the partition when this topology first reads
 * it, ignoring what another deployment of the topology committed; after that (a restart of a task, a worker moved)
 * from what this topology committed.</li>
 * <li>{@link #UNCOMMITTED_EARLIEST}, {@link #UNCOMMITTED_LATEST}: from the consumer group's committed offset if
 * there is one, else from the beginning (end).</li>
 * </ul>
 */
public enum FirstPollOffsetStrategy {
    EARLIEST, LATEST, UNCOMMITTED_EARLIEST, UNCOMMITTED_LATEST;

    /** Whether a partition without a usable committed offset is read from its beginning. */
    boolean fromBeginning() {
        return this == EARLIEST || this == UNCOMMITTED_EARLIEST;
    }

    /** Whether an offset committed by another deployment of the topology is honoured. */
    boolean honoursAnyCommit() {
        return this == UNCOMMITTED_EARLIEST || this == UNCOMMITTED_LATEST;
    }
}
