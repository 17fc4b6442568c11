package io.squall.jdbc.trident.state;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.tuple.TridentTuple;

import java.util.List;

/** Writes a batch's tuples to a {@link JdbcState}, for {@code partitionPersist}. */
public class JdbcUpdater extends BaseStateUpdater<JdbcState> {
    private static final long serialVersionUID = 1L;

    @Override
    public void updateState(JdbcState state, List<TridentTuple> tuples, TridentCollector collector) {
        state.updateState(tuples, collector);
    }
}
