package io.squall.trident.testing;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.ITridentSpout;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A spout for tests that emits what the test {@link #feed}s it: each call is one batch. By default a batch
 * starts only when something was fed ({@link #setWaitToEmit}(false) starts empty batches meanwhile). A fed
 * batch is the metadata of its txid, so a replay emits the same tuples: transactional. The fed tuples are kept
 * in this process, so the topology must run in local mode. With several tasks, task {@code i} emits the tuples
 * at positions {@code i}, {@code i + tasks}, ...
 */
public class FeederBatchSpout implements ITridentSpout<ArrayList<List<Object>>>, IFeeder {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Feed> FEEDS = new ConcurrentHashMap<>();

    private static final class Feed {
        final ConcurrentLinkedQueue<ArrayList<List<Object>>> batches = new ConcurrentLinkedQueue<>();
        volatile boolean waitToEmit = true;
    }

    private final String id = UUID.randomUUID().toString();
    private final Fields fields;

    /** A spout of tuples of {@code fields}. */
    public FeederBatchSpout(List<String> fields) {
        this.fields = new Fields(fields);
        FEEDS.put(id, new Feed());
    }

    /** Whether batches wait for something to be fed (default), or start empty meanwhile. */
    public void setWaitToEmit(boolean trueIfWait) {
        FEEDS.get(id).waitToEmit = trueIfWait;
    }

    /**
     * Queues one batch of tuples, each a list of values of the spout's fields.
     *
     * @throws IllegalArgumentException if {@code tuples} is not a list of lists of the right size
     */
    public void feed(Object tuples) {
        if (!(tuples instanceof List<?> list)) {
            throw new IllegalArgumentException("feed takes a list of tuples (lists of values), got " + tuples);
        }
        ArrayList<List<Object>> batch = new ArrayList<>();
        for (Object t : list) {
            if (!(t instanceof List<?> values) || values.size() != fields.size()) {
                throw new IllegalArgumentException("feed: " + t + " is not a tuple of the fields " + fields);
            }
            batch.add(new ArrayList<>(values));
        }
        FEEDS.get(id).batches.add(batch);
    }

    @Override
    public BatchCoordinator<ArrayList<List<Object>>> getCoordinator(String txStateId, Map<String, Object> conf,
                                                                     TopologyContext context) {
        Feed feed = FEEDS.get(id);
        if (feed == null) {
            throw new IllegalStateException("FeederBatchSpout runs only in the process that created it (local mode)");
        }
        return new BatchCoordinator<>() {
            @Override
            public ArrayList<List<Object>> initializeTransaction(long txid, ArrayList<List<Object>> prevMetadata,
                                                                 ArrayList<List<Object>> currMetadata) {
                if (currMetadata != null) {
                    return currMetadata;
                }
                ArrayList<List<Object>> next = feed.batches.poll();
                return next == null ? new ArrayList<>() : next;
            }

            @Override
            public void success(long txid) {
            }

            @Override
            public boolean isReady(long txid) {
                return !feed.waitToEmit || !feed.batches.isEmpty();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Emitter<ArrayList<List<Object>>> getEmitter(String txStateId, Map<String, Object> conf,
                                                       TopologyContext context) {
        int index = context.getThisTaskIndex();
        int tasks = context.getThisComponentTasks().size();
        return new Emitter<>() {
            @Override
            public void emitBatch(TransactionAttempt tx, ArrayList<List<Object>> batch, TridentCollector collector) {
                for (int i = index; i < batch.size(); i += tasks) {
                    collector.emit(batch.get(i));
                }
            }

            @Override
            public void success(TransactionAttempt tx) {
            }

            @Override
            public void close() {
            }
        };
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
