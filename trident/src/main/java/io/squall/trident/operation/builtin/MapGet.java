package io.squall.trident.operation.builtin;

import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseQueryFunction;
import io.squall.trident.state.map.ReadOnlyMapState;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Values;

import java.util.ArrayList;
import java.util.List;

/** Looks up each tuple's input fields as a key of a map state; emits the value (null when absent). */
public class MapGet extends BaseQueryFunction<ReadOnlyMapState<Object>, Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Object> batchRetrieve(ReadOnlyMapState<Object> state, List<TridentTuple> args) {
        List<List<Object>> keys = new ArrayList<>(args.size());
        for (TridentTuple t : args) {
            keys.add(t.getValues());
        }
        return state.multiGet(keys);
    }

    @Override
    public void execute(TridentTuple tuple, Object result, TridentCollector collector) {
        collector.emit(new Values(result));
    }
}
