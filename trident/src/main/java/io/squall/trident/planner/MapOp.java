package io.squall.trident.planner;

import io.squall.trident.operation.Consumer;
import io.squall.trident.operation.FlatMapFunction;
import io.squall.trident.operation.MapFunction;
import io.squall.trident.operation.Operation;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.ArrayList;

/** {@code map}, {@code flatMap}, {@code peek} and {@code project}: tuple-by-tuple rewrites of the whole tuple. */
record MapOp(MapFunction map, FlatMapFunction flatMap, Consumer peek, Fields outFields) implements ProcSpec {
    static MapOp map(MapFunction f, Fields out) {
        return new MapOp(f, null, null, out);
    }

    static MapOp flatMap(FlatMapFunction f, Fields out) {
        return new MapOp(null, f, null, out);
    }

    static MapOp peek(Consumer c, Fields out) {
        return new MapOp(null, null, c, out);
    }

    static MapOp project(Fields out) {
        return new MapOp(null, null, null, out);
    }

    @Override
    public Processor create() {
        return new Processor(outFields) {
            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                if (operation() != null) {
                    operation().prepare(context.conf, context.operationContext);
                }
            }

            @Override
            void cleanup() {
                if (operation() != null) {
                    operation().cleanup();
                }
            }

            /** The function when it has an operation's life cycle ({@code OperationAware...}), else null. */
            private Operation operation() {
                return map instanceof Operation o ? o : flatMap instanceof Operation o ? o : null;
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                if (map != null) {
                    emitChecked(map.execute(tuple));
                } else if (flatMap != null) {
                    Iterable<Values> all = flatMap.execute(tuple);
                    if (all != null) {
                        for (Values v : all) {
                            emitChecked(v);
                        }
                    }
                } else if (peek != null) {
                    peek.accept(tuple);
                    forward(tuple);
                } else {
                    emit(tuple.select(outFields));
                }
            }

            private void emitChecked(Values v) {
                if (v == null || v.size() != outFields.size()) {
                    throw new IllegalStateException("A map function must return " + outFields.size()
                            + " values for fields " + outFields + ", got " + v);
                }
                emit(new ArrayList<>(v));
            }
        };
    }
}
