package io.squall.trident.spout;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.tuple.Fields;

import java.util.Map;

/**
 * A non-transactional batch spout: asked for batch {@code batchId}, it emits what it has. If a batch is asked
 * for again (a replay) it should emit the same tuples, but nothing enforces that, so states behind it keep at
 * most at-least-once semantics.
 *
 * <p>As in Storm, a spout part with a parallelism hint of n runs n copies of the spout, one per task, each opened,
 * asked for every batch id and acked on its own: a batch holds what every copy emitted for that id.
 */
public interface IBatchSpout extends ITridentDataSource {
    /** Called once on the task thread before the first batch. */
    void open(Map<String, Object> conf, TopologyContext context);

    /** Emits the tuples of batch {@code batchId} (a txid; the same id again means a replay). */
    void emitBatch(long batchId, TridentCollector collector);

    /** Batch {@code batchId} is committed and will not be asked for again. */
    void ack(long batchId);

    /** Called once when the task stops. */
    void close();

    /** Component configuration merged into the spout's task config; may be null. */
    Map<String, Object> getComponentConfiguration();

    /** The fields of the emitted tuples. */
    Fields getOutputFields();
}
