package io.squall.topology.base;

import io.squall.tuple.Tuple;
import io.squall.utils.TupleUtils;

/**
 * A rich bolt that handles tick tuples apart: {@link #onTickTuple} gets the ticks
 * ({@code topology.tick.tuple.freq.secs}), {@link #process} every other tuple.
 */
public abstract class BaseTickTupleAwareRichBolt extends BaseRichBolt {
    private static final long serialVersionUID = 1L;

    /** Routes a tick to {@link #onTickTuple}, anything else to {@link #process}. */
    @Override
    public void execute(Tuple tuple) {
        if (TupleUtils.isTick(tuple)) {
            onTickTuple(tuple);
        } else {
            process(tuple);
        }
    }

    /** Called for each tick tuple; does nothing unless overridden. Tick tuples need no ack. */
    protected void onTickTuple(Tuple tuple) {
    }

    /** Called for each tuple that is not a tick. */
    protected abstract void process(Tuple tuple);
}
