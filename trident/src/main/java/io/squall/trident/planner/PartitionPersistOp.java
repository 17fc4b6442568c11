package io.squall.trident.planner;

import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateUpdater;
import io.squall.trident.tuple.TridentTuple;
import io.squall.trident.tuple.TridentTupleView;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code partitionPersist}: collects the batch's tuples of this partition and hands them to the updater in the
 * commit phase, between the state's {@code beginCommit} and {@code commit}; what the updater emits is the new-values
 * stream.
 */
record PartitionPersistOp(StateFactory factory, Fields inputFields, StateUpdater<?> updater, Fields outFields)
        implements ProcSpec {
    @Override
    public StateFactory updatedState() {
        return factory;
    }

    @Override
    public Processor create() {
        return new Processor(outFields) {
            private final UserCollector collector = new UserCollector(this);
            private final List<TridentTuple> tuples = new ArrayList<>();
            private final Selector argFields = new Selector(inputFields);
            private State state;

            @Override
            void prepare(ProcessorContext context) {
                super.prepare(context);
                state = States.make(factory, context);
                updater.prepare(context.conf, context.operationContext);
            }

            @Override
            void startBatch() {
                tuples.clear();
            }

            @Override
            void execute(int input, TridentTupleView tuple) {
                tuples.add(argFields.project(tuple));
            }

            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            void finishBatch() {
                Long txid = ctx.tx.getTransactionId();
                state.beginCommit(txid);
                ((StateUpdater) updater).updateState(state, tuples, collector);
                state.commit(txid);
                tuples.clear();
            }

            @Override
            void cleanup() {
                updater.cleanup();
                States.close(state);
            }
        };
    }
}
