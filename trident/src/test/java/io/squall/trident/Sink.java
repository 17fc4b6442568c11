package io.squall.trident;

import io.squall.Await;
import io.squall.task.IMetricsContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.state.BaseStateUpdater;
import io.squall.trident.state.State;
import io.squall.trident.state.StateFactory;
import io.squall.trident.tuple.TridentTuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A test state that records every committed tuple with its txid, and the highest txid that every partition has
 * committed; attach it to a stream with {@link #attach}. Shared through a static registry, as the topology gets
 * serialized copies.
 */
final class Sink implements StateFactory {
    private static final Map<String, Recorded> REGISTRY = new ConcurrentHashMap<>();

    record Row(long txid, List<Object> values) {
    }

    private static final class Recorded {
        final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
        /** Each partition's highest committed txid: partitions commit a txid one after the other. */
        final Map<Integer, Long> committed = new ConcurrentHashMap<>();
        volatile int partitions = 1;
    }

    private final String id = UUID.randomUUID().toString();

    Sink() {
        REGISTRY.put(id, new Recorded());
    }

    /** Persists every tuple of {@code stream} into this sink. */
    TridentState attach(Stream stream) {
        return stream.partitionPersist(this, stream.getOutputFields(), new Updater());
    }

    List<List<Object>> values() {
        List<List<Object>> ret = new ArrayList<>();
        for (Row r : REGISTRY.get(id).rows) {
            ret.add(r.values());
        }
        return ret;
    }

    Map<Long, List<List<Object>>> byTxid() {
        Map<Long, List<List<Object>>> ret = new TreeMap<>();
        for (Row r : REGISTRY.get(id).rows) {
            ret.computeIfAbsent(r.txid(), k -> new ArrayList<>()).add(r.values());
        }
        return ret;
    }

    /** The highest txid every partition has committed (0 until each has committed one). */
    long maxTxid() {
        Recorded r = REGISTRY.get(id);
        if (r.committed.size() < r.partitions) {
            return 0;
        }
        return r.committed.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Waits until every partition has committed a batch with txid {@code txid} or later. */
    void awaitTxid(long txid) {
        Await.until(Duration.ofSeconds(30), () -> maxTxid() >= txid,
                () -> "txid " + txid + " to commit; committed up to " + maxTxid() + ", rows " + values());
    }

    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                           int numPartitions) {
        REGISTRY.get(id).partitions = numPartitions;
        return new SinkState(id, partitionIndex);
    }

    static final class SinkState implements State {
        final String id;
        final int partition;
        long txid;

        SinkState(String id, int partition) {
            this.id = id;
            this.partition = partition;
        }

        @Override
        public void beginCommit(Long txid) {
            this.txid = txid;
        }

        @Override
        public void commit(Long txid) {
            REGISTRY.get(id).committed.merge(partition, txid, Math::max);
        }
    }

    static final class Updater extends BaseStateUpdater<SinkState> {
        @Override
        public void updateState(SinkState state, List<TridentTuple> tuples, TridentCollector collector) {
            for (TridentTuple t : tuples) {
                REGISTRY.get(state.id).rows.add(new Row(state.txid, new ArrayList<>(t)));
            }
        }
    }
}
