package io.squall.jdbc.trident.state;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

import java.util.List;

/** Looks each tuple up in a {@link JdbcState}, for {@code stateQuery}: emits a tuple for each row found. */
public class JdbcQuery extends BaseQueryFunction<JdbcState, List<Values>> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<List<Values>> batchRetrieve(JdbcState state, List<TridentTuple> tuples) {
        return state.batchRetrieve(tuples);
    }

    @Override
    public void execute(TridentTuple tuple, List<Values> rows, TridentCollector collector) {
        for (Values row : rows) {
            collector.emit(row);
        }
    }
}
