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
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test state that records every committed tuple with its txid, and the highest committed txid; attach it to a
 * stream with {@link #attach}. Shared through a static registry, as the topology gets serialized copies.
 */
final class Sink implements StateFactory {
    private static final Map<String, Recorded> REGISTRY = new ConcurrentHashMap<>();

    record Row(long txid, List<Object> values) {
    }

    private static final class Recorded {
        final ConcurrentLinkedQueue<Row> rows = new ConcurrentLinkedQueue<>();
        final AtomicLong maxTxid = new AtomicLong();
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

    long maxTxid() {
        return REGISTRY.get(id).maxTxid.get();
    }

    /** Waits until a batch with txid {@code txid} or later has committed here. */
    void awaitTxid(long txid) {
        Await.until(Duration.ofSeconds(30), () -> maxTxid() >= txid,
                () -> "txid " + txid + " to commit; committed up to " + maxTxid() + ", rows " + values());
    }

    @Override
    public State makeState(Map<String, Object> conf, IMetricsContext metrics, int partitionIndex,
                           int numPartitions) {
        return new SinkState(id);
    }

    static final class SinkState implements State {
        final String id;
        long txid;

        SinkState(String id) {
            this.id = id;
        }

        @Override
        public void beginCommit(Long txid) {
            this.txid = txid;
        }

        @Override
        public void commit(Long txid) {
            REGISTRY.get(id).maxTxid.accumulateAndGet(txid, Math::max);
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
