package io.squall.trident.spout;

import java.io.Serializable;

/** The part of a partition a batch covered: offsets {@code start} (inclusive) to {@code end} (exclusive). */
public record OffsetRange(long start, long end) implements Serializable {
}
