package io.squall.trident.fluent;

import io.squall.trident.Stream;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.CombinerAggregator;
import io.squall.trident.operation.ReducerAggregator;
import io.squall.trident.operation.impl.ChainedAggregatorImpl;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Declares several aggregations that run over the same tuples ({@code stream.chainedAgg()} or
 * {@code groupedStream.chainedAgg()}), ended by {@link #chainEnd}: the output has each aggregation's fields in
 * declaration order (after the group's, when grouped). All must be partition aggregations or all whole-batch
 * ones.
 *
 * <p>The chain runs as one aggregator: per partition it is {@code stream.partitionAggregate(...)}; over whole
 * batches (or groups) the stream is first repartitioned by its {@link GlobalAggregationScheme}.
 */
public class ChainedAggregatorDeclarer implements ChainedFullAggregatorDeclarer, ChainedPartitionAggregatorDeclarer {
    private final IAggregatableStream stream;
    private final Supplier<IAggregatableStream> globalPartition;
    private final Fields streamFields;
    private final List<Object> aggregators = new ArrayList<>();
    private final List<Fields> inputs = new ArrayList<>();
    private final List<Fields> outputs = new ArrayList<>();
    private Boolean perPartition;

    /**
     * A declarer over {@code stream}; whole-batch aggregations first repartition it by {@code globalScheme}.
     *
     * @param <S> the kind of stream
     */
    public <S extends IAggregatableStream> ChainedAggregatorDeclarer(S stream,
                                                                     GlobalAggregationScheme<S> globalScheme) {
        this.stream = stream;
        this.globalPartition = () -> globalScheme.aggPartition(stream);
        this.streamFields = stream.getOutputFields();
    }

    private ChainedAggregatorDeclarer add(boolean partition, Fields inputFields, Object agg, Fields functionFields) {
        if (perPartition != null && perPartition != partition) {
            throw new IllegalArgumentException("chainedAgg: cannot mix partitionAggregate and aggregate in one "
                    + "chain; end the chain and start another");
        }
        if (!(agg instanceof Aggregator<?>) && functionFields.size() != 1) {
            throw new IllegalArgumentException("chainedAgg: a combiner or reducer emits one field, got "
                    + functionFields);
        }
        for (String f : inputFields) {
            if (!streamFields.contains(f)) {
                throw new IllegalArgumentException("chainedAgg: input field '" + f + "' is not in the stream's "
                        + "fields " + streamFields);
            }
        }
        perPartition = partition;
        aggregators.add(agg);
        inputs.add(inputFields);
        outputs.add(functionFields);
        return this;
    }

    /** Adds an aggregation of each partition's tuples over every field. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(Aggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds an aggregation of each partition's tuples. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, Aggregator<?> agg,
                                                                 Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds a combination of each partition's tuples over every field. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(CombinerAggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds a combination of each partition's tuples. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, CombinerAggregator<?> agg,
                                                        Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds a reduction of each partition's tuples over every field. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(ReducerAggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds a reduction of each partition's tuples. */
    @Override
    public ChainedPartitionAggregatorDeclarer partitionAggregate(Fields inputFields, ReducerAggregator<?> agg,
                                                        Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds an aggregation of the whole batch (or group) over every field. */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(Aggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds an aggregation of the whole batch (or group). */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(Fields inputFields, Aggregator<?> agg, Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /** Adds a combination of the whole batch (or group) over every field. */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(CombinerAggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds a combination of the whole batch (or group). */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(Fields inputFields, CombinerAggregator<?> agg,
                                                   Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /** Adds a reduction of the whole batch (or group) over every field. */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(ReducerAggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds a reduction of the whole batch (or group). */
    @Override
    public ChainedFullAggregatorDeclarer aggregate(Fields inputFields, ReducerAggregator<?> agg,
                                                   Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /**
     * The stream of the chained aggregations' results.
     *
     * @throws IllegalArgumentException if no aggregation was declared, or two declare the same output field
     */
    @Override
    public Stream chainEnd() {
        if (aggregators.isEmpty()) {
            throw new IllegalArgumentException("chainedAgg: declare at least one aggregation before chainEnd()");
        }
        Set<String> in = new LinkedHashSet<>();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < aggregators.size(); i++) {
            in.addAll(inputs.get(i).toList());
            for (String f : outputs.get(i)) {
                if (out.contains(f)) {
                    throw new IllegalArgumentException("chainedAgg: output field '" + f + "' is declared twice");
                }
                out.add(f);
            }
        }
        IAggregatableStream source = perPartition ? stream : globalPartition.get();
        return source.partitionAggregate(new Fields(new ArrayList<>(in)), new ChainedAggregatorImpl(aggregators,
                inputs, outputs), new Fields(out)).toStream();
    }
}
