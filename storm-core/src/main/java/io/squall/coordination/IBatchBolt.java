package io.squall.coordination;

import io.squall.task.TopologyContext;
import io.squall.topology.IComponent;
import io.squall.tuple.Tuple;

import java.util.Map;

/**
 * A bolt that processes one batch (in a linear DRPC topology, one request) at a time: a fresh copy per batch is
 * prepared with the batch id, gets each tuple of the batch, and {@link #finishBatch} once all of them arrived from
 * every upstream task.
 *
 * @param <T> the batch id's type
 */
public interface IBatchBolt<T> extends IComponent {
    /** Called on the fresh copy for batch {@code id}. */
    void prepare(Map<String, Object> conf, TopologyContext context, BatchOutputCollector collector, T id);

    /** One tuple of the batch. */
    void execute(Tuple tuple);

    /** Every tuple of the batch has been executed. */
    void finishBatch();
}
