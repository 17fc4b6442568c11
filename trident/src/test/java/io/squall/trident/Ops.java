package io.squall.trident;

import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.BaseFunction;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.operation.TridentOperationContext;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small operations and spouts the integration tests share. */
final class Ops {
    private Ops() {
    }

    /** A one-partition transactional spout: batch {@code t} holds rows {@code (t-1)*batchSize} up to the next. */
    static FixedTransactionalSpout spout(Fields fields, int batchSize, List<?>... rows) {
        List<List<Object>> tuples = new ArrayList<>();
        for (List<?> r : rows) {
            tuples.add(new ArrayList<>(r));
        }
        return new FixedTransactionalSpout(fields, batchSize, List.of(tuples));
    }

    static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Splits a sentence into words. */
    static final class Split extends BaseFunction {
        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            for (String w : tuple.getString(0).split(" ")) {
                if (!w.isEmpty()) {
                    collector.emit(new Values(w));
                }
            }
        }
    }

    /** Appends the partition index of the task that runs it. */
    static final class PartitionIndex extends BaseFunction {
        private int index;

        @Override
        public void prepare(Map<String, Object> conf, TridentOperationContext context) {
            index = context.getPartitionIndex();
        }

        @Override
        public void execute(TridentTuple tuple, TridentCollector collector) {
            collector.emit(new Values(index));
        }
    }

    /** Keeps tuples whose first field is not the given value. */
    static final class NotWord extends BaseFilter {
        private final Object value;

        NotWord(Object value) {
            this.value = value;
        }

        @Override
        public boolean isKeep(TridentTuple tuple) {
            return !value.equals(tuple.getValue(0));
        }
    }
}
