package io.squall.hdfs.trident;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/** Appends each batch's tuples to the partition's {@link HdfsState}: {@code partitionPersist}'s updater. */
public class HdfsUpdater extends BaseStateUpdater<HdfsState> {
    private static final long serialVersionUID = 1L;

    @Override
    public void updateState(HdfsState state, List<TridentTuple> tuples, TridentCollector collector) {
        state.updateState(tuples, collector);
    }
}
