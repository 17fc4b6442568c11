package io.squall.trident.planner;

import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;

/** Making and closing the states of a task's processors. */
final class States {
    private States() {
    }

    static State make(StateFactory factory, ProcessorContext ctx) {
        State s = factory.makeState(ctx.conf, ctx.operationContext, ctx.operationContext.getPartitionIndex(),
                ctx.operationContext.numPartitions());
        if (s == null) {
            throw new IllegalStateException("State factory " + factory.getClass().getName() + " made no state");
        }
        return s;
    }

    static void close(State s) {
        if (s instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("Closing state " + s.getClass().getName() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }
}
