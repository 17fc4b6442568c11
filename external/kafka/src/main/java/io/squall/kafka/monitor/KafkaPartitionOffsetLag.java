package io.squall.kafka.monitor;

/**
 * One partition's offsets in the tool's JSON: the group's committed offset (-1 when it committed none), the log head
 * (the offset the next record will get) and the lag, the records after the committed offset. Storm's class.
 */
public final class KafkaPartitionOffsetLag {
    private final long consumerCommittedOffset;
    private final long logHeadOffset;
    private final long lag;

    /** Offsets whose lag is {@code logHeadOffset - consumerCommittedOffset} (the whole log from 0 when none). */
    public KafkaPartitionOffsetLag(long consumerCommittedOffset, long logHeadOffset) {
        this(consumerCommittedOffset, logHeadOffset, KafkaOffsetLagResult.lag(consumerCommittedOffset, 0,
                logHeadOffset));
    }

    KafkaPartitionOffsetLag(long consumerCommittedOffset, long logHeadOffset, long lag) {
        this.consumerCommittedOffset = consumerCommittedOffset;
        this.logHeadOffset = logHeadOffset;
        this.lag = lag;
    }

    public long getConsumerCommittedOffset() {
        return consumerCommittedOffset;
    }

    public long getLogHeadOffset() {
        return logHeadOffset;
    }

    public long getLag() {
        return lag;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaPartitionOffsetLag l && consumerCommittedOffset == l.consumerCommittedOffset
                && logHeadOffset == l.logHeadOffset && lag == l.lag;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(consumerCommittedOffset) * 961 + Long.hashCode(logHeadOffset) * 31 + Long.hashCode(lag);
    }

    /** The partition's JSON object, as the tool prints it. */
    @Override
    public String toString() {
        return "{\"consumerCommittedOffset\": " + consumerCommittedOffset + ", \"logHeadOffset\": " + logHeadOffset
                + ", \"lag\": " + lag + "}";
    }
}
