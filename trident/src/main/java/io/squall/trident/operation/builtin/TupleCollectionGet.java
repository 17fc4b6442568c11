package io.squall.trident.operation.builtin;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.state.ITupleCollection;
import io.squall.trident.state.State;
import io.squall.trident.tuple.TridentTuple;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** For each tuple, emits every tuple of a state that is an {@link ITupleCollection}. */
public class TupleCollectionGet extends BaseQueryFunction<State, Iterator<List<Object>>> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Iterator<List<Object>>> batchRetrieve(State state, List<TridentTuple> args) {
        if (!(state instanceof ITupleCollection c)) {
            throw new IllegalArgumentException("TupleCollectionGet needs a state that is an ITupleCollection, got "
                    + state.getClass().getName());
        }
        List<Iterator<List<Object>>> ret = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            ret.add(c.getTuples());
        }
        return ret;
    }

    @Override
    public void execute(TridentTuple tuple, Iterator<List<Object>> tuples, TridentCollector collector) {
        while (tuples.hasNext()) {
            collector.emit(tuples.next());
        }
    }
}
