package io.squall.kafka.monitor;

/**
 * One partition's result of {@link KafkaOffsetLagUtil#getOffsetLags}: topic, partition, the group's committed offset
 * (-1 when it committed none), the log head and the lag. Storm's class; its {@code toJSONString} without Storm's
 * json-smart interface.
 */
public final class KafkaOffsetLagResult {
    private final String topic;
    private final int partition;
    private final long consumerCommittedOffset;
    private final long logHeadOffset;
    private final long lag;

    /** A result whose lag is {@code logHeadOffset - consumerCommittedOffset} (the whole log from 0 when none). */
    public KafkaOffsetLagResult(String topic, int partition, long consumerCommittedOffset, long logHeadOffset) {
        this(topic, partition, consumerCommittedOffset, 0, logHeadOffset);
    }

    /**
     * A result for a log that starts at {@code logStartOffset}: with no committed offset the lag is every record
     * still in the log, where Storm's counts from offset 0 and one more.
     */
    public KafkaOffsetLagResult(String topic, int partition, long consumerCommittedOffset, long logStartOffset,
                                long logHeadOffset) {
        this.topic = topic;
        this.partition = partition;
        this.consumerCommittedOffset = consumerCommittedOffset;
        this.logHeadOffset = logHeadOffset;
        this.lag = lag(consumerCommittedOffset, logStartOffset, logHeadOffset);
    }

    static long lag(long committed, long logStart, long logHead) {
        return Math.max(0, logHead - (committed < 0 ? logStart : committed));
    }

    public String getTopic() {
        return topic;
    }

    public int getPartition() {
        return partition;
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

    /** The partition's part of the tool's output. */
    KafkaPartitionOffsetLag toPartitionLag() {
        return new KafkaPartitionOffsetLag(consumerCommittedOffset, logHeadOffset, lag);
    }

    public String toJSONString() {
        return "{\"topic\":\"" + topic.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"partition\":" + partition
                + ",\"consumerCommittedOffset\":" + consumerCommittedOffset + ",\"logHeadOffset\":" + logHeadOffset
                + ",\"lag\":" + lag + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KafkaOffsetLagResult r && topic.equals(r.topic) && partition == r.partition
                && consumerCommittedOffset == r.consumerCommittedOffset && logHeadOffset == r.logHeadOffset
                && lag == r.lag;
    }

    @Override
    public int hashCode() {
        return (topic.hashCode() * 31 + partition) * 31 + Long.hashCode(consumerCommittedOffset) * 7
                + Long.hashCode(logHeadOffset);
    }

    @Override
    public String toString() {
        return "KafkaOffsetLagResult{topic='" + topic + "', partition=" + partition + ", consumerCommittedOffset="
                + consumerCommittedOffset + ", logHeadOffset=" + logHeadOffset + ", lag=" + lag + "}";
    }
}
