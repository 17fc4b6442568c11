package io.squall.trident.testing;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.IBatchSpout;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A non-transactional test spout that emits fixed tuples in batches of at most {@code maxBatchSize}; with
 * {@link #setCycle} it starts over at the end. A replayed batch id gets the same tuples again until it is acked.
 * Each task runs its own copy (on its thread), so with a parallelism hint of n every batch holds n copies.
 */
public class FixedBatchSpout implements IBatchSpout, io.squall.trident.spout.IFiniteTridentSpout {
    private static final long serialVersionUID = 1L;

    private final Fields fields;
    private final List<List<Object>> outputs;
    private final int maxBatchSize;
    private boolean cycle;

    private transient Map<Long, List<List<Object>>> batches;
    private transient int index;

    /** A spout of {@code outputs}, each a list of values for {@code fields}. */
    @SafeVarargs
    @SuppressWarnings("varargs")
    public FixedBatchSpout(Fields fields, int maxBatchSize, List<Object>... outputs) {
        this(fields, maxBatchSize, Arrays.asList(outputs));
    }

    /** A spout of {@code outputs}, each a list of values for {@code fields}. */
    public FixedBatchSpout(Fields fields, int maxBatchSize, List<? extends List<Object>> outputs) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, got " + maxBatchSize);
        }
        for (List<Object> o : outputs) {
            if (o.size() != fields.size()) {
                throw new IllegalArgumentException("Tuple " + o + " does not match fields " + fields);
            }
        }
        this.fields = fields;
        this.maxBatchSize = maxBatchSize;
        this.outputs = new ArrayList<>(outputs);
    }

    /** Whether to start over after the last tuple. */
    public void setCycle(boolean cycle) {
        this.cycle = cycle;
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context) {
        batches = new HashMap<>();
        index = 0;
    }

    @Override
    public void emitBatch(long batchId, TridentCollector collector) {
        List<List<Object>> batch = batches.get(batchId);
        if (batch == null) {
            batch = new ArrayList<>();
            if (index >= outputs.size() && cycle) {
                index = 0;
            }
            for (int i = 0; i < maxBatchSize && index < outputs.size(); i++, index++) {
                batch.add(outputs.get(index));
            }
            batches.put(batchId, batch);
        }
        for (List<Object> t : batch) {
            collector.emit(t);
        }
    }

    /** Finished once every value was emitted, unless it cycles. */
    @Override
    public boolean isFinished() {
        return !cycle && index >= outputs.size();
    }

    @Override
    public void ack(long batchId) {
        batches.remove(batchId);
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return null;
    }

    @Override
    public Fields getOutputFields() {
        return fields;
    }
}
