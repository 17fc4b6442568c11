package io.squall.trident;

import io.squall.topology.FailedException;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.trident.tuple.TridentTuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Passes a partition's tuples through unchanged, but fails the batch: at random with probability
 * {@code probability}, and always on the first attempt of the txids in {@code failFirstAttempt}. Records every
 * attempt it sees under its name.
 */
final class Failer extends BaseAggregator<Failer.Batch> {
    static final Map<String, Set<TransactionAttempt>> SEEN = new ConcurrentHashMap<>();

    static final class Batch {
        final TransactionAttempt tx;
        final List<List<Object>> tuples = new ArrayList<>();

        Batch(TransactionAttempt tx) {
            this.tx = tx;
        }
    }

    private final String name;
    private final double probability;
    private final Set<Long> failFirstAttempt;

    Failer(String name, double probability, Set<Long> failFirstAttempt) {
        this.name = name;
        this.probability = probability;
        this.failFirstAttempt = failFirstAttempt;
        SEEN.put(name, ConcurrentHashMap.newKeySet());
    }

    static Set<TransactionAttempt> seen(String name) {
        return SEEN.get(name);
    }

    @Override
    public Batch init(Object batchId, TridentCollector collector) {
        TransactionAttempt tx = (TransactionAttempt) batchId;
        SEEN.get(name).add(tx);
        return new Batch(tx);
    }

    @Override
    public void aggregate(Batch batch, TridentTuple tuple, TridentCollector collector) {
        batch.tuples.add(new ArrayList<>(tuple));
    }

    @Override
    public void complete(Batch batch, TridentCollector collector) {
        boolean planned = batch.tx.getAttemptId() == 0 && failFirstAttempt.contains(batch.tx.getTransactionId());
        if (planned || ThreadLocalRandom.current().nextDouble() < probability) {
            throw new FailedException("injected failure of batch " + batch.tx);
        }
        batch.tuples.forEach(collector::emit);
    }
}
