package io.squall.kafka.trident;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/** Sends each batch's tuples through a {@link TridentKafkaState}. */
public class TridentKafkaStateUpdater<K, V> extends BaseStateUpdater<TridentKafkaState<K, V>> {
    private static final long serialVersionUID = 1L;

    @Override
    public void updateState(TridentKafkaState<K, V> state, List<TridentTuple> tuples, TridentCollector collector) {
        state.updateState(tuples, collector);
    }
}
