package io.squall.kafka.spout.trident;

import java.io.Serializable;

/**
 * What one Trident batch read from one Kafka partition: offsets {@code firstOffset} to {@code lastOffset}
 * inclusive, or nothing when {@code lastOffset < firstOffset} (the next batch then starts at {@code firstOffset}).
 */
public record KafkaTridentSpoutBatchMetadata(long firstOffset, long lastOffset) implements Serializable {
    /** Where the next batch of the partition starts. */
    public long nextOffset() {
        return Math.max(firstOffset, lastOffset + 1);
    }

    /** Whether the batch read no record. */
    public boolean isEmpty() {
        return lastOffset < firstOffset;
    }
}
