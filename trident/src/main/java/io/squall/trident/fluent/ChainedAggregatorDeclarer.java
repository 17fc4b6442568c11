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

/**
 * Declares several aggregations that run over the same tuples ({@code stream.chainedAgg()} or
 * {@code groupedStream.chainedAgg()}), ended by {@link #chainEnd}: the output has each aggregation's fields in
 * declaration order (after the group's, when grouped). All must be partition aggregations or all whole-batch
 * ones.
 */
public final class ChainedAggregatorDeclarer {
    /** Applies the chained aggregator to the stream or grouped stream it came from. */
    public interface Finisher {
        /** The stream aggregated by {@code aggregator} per partition or per batch. */
        Stream finish(Fields inputFields, Aggregator<?> aggregator, Fields outputFields, boolean perPartition);
    }

    private final Fields streamFields;
    private final Finisher finisher;
    private final List<Object> aggregators = new ArrayList<>();
    private final List<Fields> inputs = new ArrayList<>();
    private final List<Fields> outputs = new ArrayList<>();
    private Boolean perPartition;

    /** A declarer over a stream of {@code streamFields}. */
    public ChainedAggregatorDeclarer(Fields streamFields, Finisher finisher) {
        this.streamFields = streamFields;
        this.finisher = finisher;
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
    public ChainedAggregatorDeclarer partitionAggregate(Aggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds an aggregation of each partition's tuples. */
    public ChainedAggregatorDeclarer partitionAggregate(Fields inputFields, Aggregator<?> agg, Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds a combination of each partition's tuples over every field. */
    public ChainedAggregatorDeclarer partitionAggregate(CombinerAggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds a combination of each partition's tuples. */
    public ChainedAggregatorDeclarer partitionAggregate(Fields inputFields, CombinerAggregator<?> agg,
                                                        Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds a reduction of each partition's tuples over every field. */
    public ChainedAggregatorDeclarer partitionAggregate(ReducerAggregator<?> agg, Fields functionFields) {
        return add(true, streamFields, agg, functionFields);
    }

    /** Adds a reduction of each partition's tuples. */
    public ChainedAggregatorDeclarer partitionAggregate(Fields inputFields, ReducerAggregator<?> agg,
                                                        Fields functionFields) {
        return add(true, inputFields, agg, functionFields);
    }

    /** Adds an aggregation of the whole batch (or group) over every field. */
    public ChainedAggregatorDeclarer aggregate(Aggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds an aggregation of the whole batch (or group). */
    public ChainedAggregatorDeclarer aggregate(Fields inputFields, Aggregator<?> agg, Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /** Adds a combination of the whole batch (or group) over every field. */
    public ChainedAggregatorDeclarer aggregate(CombinerAggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds a combination of the whole batch (or group). */
    public ChainedAggregatorDeclarer aggregate(Fields inputFields, CombinerAggregator<?> agg, Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /** Adds a reduction of the whole batch (or group) over every field. */
    public ChainedAggregatorDeclarer aggregate(ReducerAggregator<?> agg, Fields functionFields) {
        return add(false, streamFields, agg, functionFields);
    }

    /** Adds a reduction of the whole batch (or group). */
    public ChainedAggregatorDeclarer aggregate(Fields inputFields, ReducerAggregator<?> agg, Fields functionFields) {
        return add(false, inputFields, agg, functionFields);
    }

    /**
     * The stream of the chained aggregations' results.
     *
     * @throws IllegalArgumentException if no aggregation was declared, or two declare the same output field
     */
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
        return finisher.finish(new Fields(new ArrayList<>(in)), new ChainedAggregatorImpl(aggregators, inputs,
                outputs), new Fields(out), perPartition);
    }
}
