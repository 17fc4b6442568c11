package io.squall.trident.spout;

import io.squall.spout.ISpoutOutputCollector;
import io.squall.spout.SpoutOutputCollector;
import io.squall.task.TopologyContext;
import io.squall.topology.IRichSpout;
import io.squall.topology.OutputFieldsGetter;
import io.squall.topology.StreamSpec;
import io.squall.trident.operation.TridentCollector;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordinary spout as a Trident batch spout ({@code TridentTopology.newStream(txId, IRichSpout)}): each batch
 * calls {@code nextTuple} until the spout emits nothing or the batch has {@value #MAX_BATCH_SIZE_CONF} tuples
 * (default {@value #DEFAULT_MAX_BATCH_SIZE}) of its default stream. When the batch commits, the spout is acked
 * each message id of it; when a batch is asked for again (a replay) the spout is first failed the ids of its
 * earlier attempt, so it can emit them again. Non-transactional. Each task of the spout's part runs its own copy.
 */
public final class RichSpoutBatchSpout implements IBatchSpout, IFiniteTridentSpout {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RichSpoutBatchSpout.class);

    /** Most tuples in one batch. */
    public static final String MAX_BATCH_SIZE_CONF = "topology.spout.max.batch.size";
    /** Default of {@link #MAX_BATCH_SIZE_CONF}. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 1000;

    private final IRichSpout spout;
    private final Fields fields;
    private final Integer fixedMaxBatchSize;
    private transient Map<Long, List<Object>> pending;
    private transient List<List<Object>> batch;
    private transient List<Object> batchIds;
    private transient int maxBatchSize;

    /**
     * @throws IllegalArgumentException if the spout declares no default stream
     */
    public RichSpoutBatchSpout(IRichSpout spout) {
        this(spout, null);
    }

    /**
     * A batch spout taking at most {@code maxBatchSize} tuples a batch (null: as configured).
     *
     * @throws IllegalArgumentException if the spout declares no default stream
     */
    public RichSpoutBatchSpout(IRichSpout spout, Integer maxBatchSize) {
        this.spout = spout;
        this.fixedMaxBatchSize = maxBatchSize;
        OutputFieldsGetter getter = new OutputFieldsGetter();
        spout.declareOutputFields(getter);
        StreamSpec spec = getter.getFieldsDeclaration().get(Utils.DEFAULT_STREAM_ID);
        if (spec == null) {
            throw new IllegalArgumentException("Spout " + spout.getClass().getName() + " declares no default "
                    + "stream; a Trident stream takes the tuples of the spout's default stream");
        }
        this.fields = spec.fields();
    }

    @Override
    public void open(Map<String, Object> conf, TopologyContext context) {
        pending = new HashMap<>();
        Object max = conf.get(MAX_BATCH_SIZE_CONF);
        if (max != null && !(max instanceof Number n && n.intValue() > 0)) {
            throw new IllegalArgumentException(MAX_BATCH_SIZE_CONF + " must be a positive number, got " + max);
        }
        maxBatchSize = fixedMaxBatchSize != null ? fixedMaxBatchSize
                : max == null ? DEFAULT_MAX_BATCH_SIZE : ((Number) max).intValue();
        spout.open(conf, context, new SpoutOutputCollector(new ISpoutOutputCollector() {
            @Override
            public List<Integer> emit(String streamId, List<Object> tuple, Object messageId) {
                if (batch == null) {
                    throw new IllegalStateException("Spout " + spout.getClass().getName() + " emitted outside "
                            + "nextTuple; in a Trident stream it may emit only from nextTuple");
                }
                if (Utils.DEFAULT_STREAM_ID.equals(streamId)) {
                    batch.add(new ArrayList<>(tuple));
                    if (messageId != null) {
                        batchIds.add(messageId);
                    }
                }
                return List.of();
            }

            @Override
            public void emitDirect(int taskId, String streamId, List<Object> tuple, Object messageId) {
                throw new UnsupportedOperationException("Spout " + spout.getClass().getName() + " emits direct; "
                        + "a Trident stream cannot take direct emits");
            }

            @Override
            public void reportError(Throwable error) {
                LOG.error("Spout {} of a Trident stream reported an error", spout.getClass().getName(), error);
            }

            @Override
            public long getPendingCount() {
                long n = 0;
                for (List<Object> ids : pending.values()) {
                    n += ids.size();
                }
                return n;
            }
        }));
        spout.activate();
    }

    @Override
    public void emitBatch(long batchId, TridentCollector collector) {
        List<Object> earlier = pending.remove(batchId);
        if (earlier != null) {
            for (Object id : earlier) {
                spout.fail(id);
            }
        }
        batch = new ArrayList<>();
        batchIds = new ArrayList<>();
        try {
            while (batch.size() < maxBatchSize) {
                int before = batch.size();
                spout.nextTuple();
                if (batch.size() == before) {
                    break;
                }
            }
            for (List<Object> t : batch) {
                collector.emit(t);
            }
            pending.put(batchId, batchIds);
        } finally {
            batch = null;
            batchIds = null;
        }
    }

    /** Whether the spout is an {@code IFiniteSpout} that has finished. */
    @Override
    public boolean isFinished() {
        return spout instanceof io.squall.spout.IFiniteSpout f && f.isFinished();
    }

    @Override
    public void ack(long batchId) {
        List<Object> ids = pending.remove(batchId);
        if (ids != null) {
            for (Object id : ids) {
                spout.ack(id);
            }
        }
    }

    @Override
    public void close() {
        spout.deactivate();
        spout.close();
    }

    @Override
    public Map<String, Object> getComponentConfiguration() {
        return spout.getComponentConfiguration();
    }

    @Override
    public Fields getOutputFields() {
        return fields;
    }
}
