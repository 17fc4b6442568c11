package io.squall.trident.planner;

import io.squall.trident.operation.Filter;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

/** {@code filter(inputFields, filter)}: keeps the tuples the filter keeps. */
record FilterOp(Fields inputFields, Filter filter, Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final Selector argFields = new Selector(inputFields);

            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                filter.prepare(context.conf, context.operationContext);
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                if (filter.isKeep(argFields.project(tuple))) {
                    forward(tuple);
                }
            }

            @Override
            void cleanup() {
                filter.cleanup();
            }
        };
    }
}
