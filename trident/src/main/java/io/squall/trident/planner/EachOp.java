package io.squall.trident.planner;

import io.squall.trident.operation.Function;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

/** {@code each(inputFields, function, functionFields)}: the input tuple followed by what the function emits. */
record EachOp(Fields inputFields, Function function, Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final UserCollector collector = new UserCollector(this);
            private final Selector argFields = new Selector(inputFields);

            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                function.prepare(context.conf, context.operationContext);
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                collector.prefix = tuple;
                function.execute(argFields.project(tuple), collector);
            }

            @Override
            void cleanup() {
                function.cleanup();
            }
        };
    }
}
