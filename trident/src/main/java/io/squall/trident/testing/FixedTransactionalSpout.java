package io.squall.trident.testing;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.FixedPartitionsCoordinator;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.NumberedPartition;
import io.squall.trident.spout.OffsetRange;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A transactional test spout over fixed partitions of tuples: each batch takes up to {@code batchSize} tuples of
 * every partition, and a replayed txid emits exactly the same tuples (its offset range is stored with the txid).
 */
public class FixedTransactionalSpout implements IPartitionedTridentSpout<Integer, NumberedPartition, OffsetRange> {
    private static final long serialVersionUID = 1L;

    private final Fields fields;
    private final List<List<List<Object>>> partitions;
    private final int batchSize;

    /**
     * @param fields     the tuples' fields
     * @param batchSize  most tuples per partition per batch
     * @param partitions the tuples of each partition, in order
     */
    public FixedTransactionalSpout(Fields fields, int batchSize,
                                   List<? extends List<? extends List<Object>>> partitions) {
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
    public Emitter<Integer, NumberedPartition, OffsetRange> getEmitter(Map<String, Object> conf,
                                                                       TopologyContext context) {
        return new Emitter<>() {
            @Override
            public List<NumberedPartition> getOrderedPartitions(Integer count) {
                return NumberedPartition.of(count);
            }

            @Override
            public void refreshPartitions(List<NumberedPartition> partitionResponsibilities) {
            }

            @Override
            public OffsetRange emitPartitionBatchNew(TransactionAttempt tx, TridentCollector collector,
                                                     NumberedPartition partition, OffsetRange last) {
                long start = last == null ? 0 : last.end();
                long end = Math.min(start + batchSize, partitions.get(partition.index()).size());
                OffsetRange range = new OffsetRange(start, end);
                emitPartitionBatch(tx, collector, partition, range);
                return range;
            }

            @Override
            public void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                           NumberedPartition partition, OffsetRange range) {
                List<List<Object>> tuples = partitions.get(partition.index());
                for (long i = range.start(); i < range.end(); i++) {
                    collector.emit(tuples.get((int) i));
                }
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
