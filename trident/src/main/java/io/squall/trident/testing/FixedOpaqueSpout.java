package io.squall.trident.testing;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.FixedPartitionsCoordinator;
import io.squall.trident.spout.IOpaquePartitionedTridentSpout;
import io.squall.trident.spout.NumberedPartition;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An opaque test spout over fixed partitions of tuples. A first attempt takes up to {@code batchSize} tuples of
 * a partition; a retry of a txid takes a random number (1 to twice the batch size) from the same start, so the
 * batch of a txid changes between attempts, as with a real opaque source. Every tuple still lands in exactly one
 * committed batch.
 */
public class FixedOpaqueSpout implements IOpaquePartitionedTridentSpout<Integer, NumberedPartition, Long> {
    private static final long serialVersionUID = 1L;

    private final Fields fields;
    private final List<List<List<Object>>> partitions;
    private final int batchSize;

    /**
     * @param fields     the tuples' fields
     * @param batchSize  most tuples per partition in a first attempt
     * @param partitions the tuples of each partition, in order
     */
    public FixedOpaqueSpout(Fields fields, int batchSize, List<? extends List<? extends List<Object>>> partitions) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.fields = fields;
        this.batchSize = batchSize;
        this.partitions = new ArrayList<>();
        for (List<? extends List<Object>> p : partitions) {
            List<List<Object>> copy = new ArrayList<>();
            for (List<Object> t : p) {
                copy.add(new ArrayList<>(t));
            }
            this.partitions.add(copy);
        }
    }

    @Override
    public Coordinator<Integer> getCoordinator(Map<String, Object> conf, TopologyContext context) {
        return new FixedPartitionsCoordinator(partitions.size());
    }

    @Override
    public Emitter<Integer, NumberedPartition, Long> getEmitter(Map<String, Object> conf, TopologyContext context) {
        return new Emitter<>() {
            @Override
            public List<NumberedPartition> getOrderedPartitions(Integer count) {
                return NumberedPartition.of(count);
            }

            @Override
            public void refreshPartitions(List<NumberedPartition> partitionResponsibilities) {
            }

            @Override
            public Long emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                           NumberedPartition partition, Long last) {
                List<List<Object>> tuples = partitions.get(partition.index());
                long start = last == null ? 0 : last;
                int size = tx.getAttemptId() == 0 ? batchSize : 1 + ThreadLocalRandom.current().nextInt(2 * batchSize);
                long end = Math.min(start + size, tuples.size());
                for (long i = start; i < end; i++) {
                    collector.emit(tuples.get((int) i));
                }
                return end;
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
