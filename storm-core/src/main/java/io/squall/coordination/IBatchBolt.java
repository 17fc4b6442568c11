package io.squall.coordination;

import io.squall.task.TopologyContext;
import io.squall.topology.IComponent;
import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.util.Map;

/**
 * A bolt that processes one batch of tuples at a time (Storm's batch bolts, as used by DRPC and
 * transactional topologies): a fresh instance is prepared for each batch id, sees the batch's tuples, and
 * {@link #finishBatch()} is called once the whole batch has arrived.
 *
 * @param <T> the batch id type
 */
public interface IBatchBolt<T> extends Serializable, IComponent {
    /** Called once per batch, before its first tuple. */
    void prepare(Map<String, Object> conf, TopologyContext context, BatchOutputCollector collector, T id);

    /** Called for each tuple of the batch. */
    void execute(Tuple tuple);

    /** Called once every tuple of the batch has been executed. */
    void finishBatch();
}
