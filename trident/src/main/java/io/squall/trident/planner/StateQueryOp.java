package io.squall.trident.planner;

import io.squall.trident.state.QueryFunction;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;

/** {@code stateQuery}: reads the state once for the batch's tuples, then emits each tuple followed by its answer. */
record StateQueryOp(StateFactory factory, Fields inputFields, QueryFunction<?, ?> function, Fields outFields)
        implements ProcSpec {
    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final UserCollector collector = new UserCollector(this);
            private final List<TridentTupleView> tuples = new ArrayList<>();
            private final Selector argFields = new Selector(inputFields);
            private State state;

            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                state = States.make(factory, context);
                function.prepare(context.conf, context.operationContext);
            }

            @Override
            void startBatch() {
                tuples.clear();
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                tuples.add(tuple);
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void finishBatch() {
                if (tuples.isEmpty()) {
                    return;
                }
                List<TridentTuple> args = new ArrayList<>(tuples.size());
                for (TridentTupleView t : tuples) {
                    args.add(argFields.project(t));
                }
                QueryFunction f = function;
                List<?> results = f.batchRetrieve(state, args);
                if (results == null || results.size() != args.size()) {
                    throw new IllegalStateException(function.getClass().getName() + ".batchRetrieve returned "
                            + (results == null ? "null" : results.size() + " results") + " for " + args.size()
                            + " tuples");
                }
                for (int i = 0; i < args.size(); i++) {
                    collector.prefix = tuples.get(i);
                    f.execute(args.get(i), results.get(i), collector);
                }
                tuples.clear();
            }

            @Override
            void cleanup() {
                function.cleanup();
                States.close(state);
            }
        };
    }
}
