package io.squall.trident.spout;

/**
 * The coordinator of a spout whose partitions never change: every batch has {@code count} partitions and may start
 * at once.
 */
public final class FixedPartitionsCoordinator implements IPartitionedTridentSpout.Coordinator<Integer>,
        IOpaquePartitionedTridentSpout.Coordinator<Integer> {
    private final int count;

    /** A coordinator of {@code count} partitions. */
    public FixedPartitionsCoordinator(int count) {
        this.count = count;
    }

    @Override
    public Integer getPartitionsForBatch() {
        return count;
    }

    @Override
    public boolean isReady(long txid) {
        return true;
    }

    @Override
    public void close() {
    }
}
