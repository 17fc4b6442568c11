package io.squall.topologies.trident;

import io.squall.task.TopologyContext;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.spout.FixedPartitionsCoordinator;
import io.squall.trident.spout.IPartitionedTridentSpout;
import io.squall.trident.spout.NumberedPartition;
import io.squall.trident.spout.OffsetRange;
import io.squall.trident.topology.TransactionAttempt;
import io.squall.tuple.Fields;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A transactional spout whose tuple at each offset of each partition is a pure function of the two, so any batch
 * (an offset range) can be emitted again exactly: the stand-in for a replayable source such as a log.
 */
public class GeneratedSpout implements IPartitionedTridentSpout<Integer, NumberedPartition, OffsetRange> {
    private static final long serialVersionUID = 1L;

    /** Makes the tuple at an offset of a partition. */
    @FunctionalInterface
    public interface Generator extends Serializable {
        /** The tuple's values. */
        List<Object> at(int partition, long offset);
    }

    private final Fields fields;
    private final int partitions;
    private final int batchSize;
    private final long limit;
    private final Generator generator;

    /**
     * @param limit tuples per partition, {@code Long.MAX_VALUE} for an endless source
     */
    public GeneratedSpout(Fields fields, int partitions, int batchSize, long limit, Generator generator) {
        this.fields = fields;
        this.partitions = partitions;
        this.batchSize = batchSize;
        this.limit = limit;
        this.generator = generator;
    }

    @Override
    public Coordinator<Integer> getCoordinator(Map<String, Object> conf, TopologyContext context) {
        return new FixedPartitionsCoordinator(partitions);
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
                OffsetRange range = new OffsetRange(start, Math.min(limit, start + batchSize));
                emitPartitionBatch(tx, collector, partition, range);
                return range;
            }

            @Override
            public void emitPartitionBatch(TransactionAttempt tx, TridentCollector collector,
                                           NumberedPartition partition, OffsetRange range) {
                for (long i = range.start(); i < range.end(); i++) {
                    collector.emit(generator.at(partition.index(), i));
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
