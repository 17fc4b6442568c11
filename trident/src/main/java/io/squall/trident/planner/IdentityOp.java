package io.squall.trident.planner;

import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

/** Passes tuples on under its own field names: where an edge or a merge enters a task. */
record IdentityOp(Fields outFields) implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            @Override
            void execute(int input, TridentTupleView tuple) {
                if (tuple.getFields().equals(outFields)) {
                    forward(tuple);
                } else {
                    emit(tuple.getValues());
                }
            }
        };
    }
}
