package io.squall.trident.operation;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Timer;
import io.squall.metric.api.CombinedMetric;
import io.squall.metric.api.ICombiner;
import io.squall.metric.api.IMetric;
import io.squall.metric.api.IReducer;
import io.squall.metric.api.ReducedMetric;
import io.squall.task.IMetricsContext;
import io.squall.task.TopologyContext;

/**
 * What an operation knows about where it runs: its partition among the tasks of its part of the stream; its
 * metrics are the task's.
 */
public final class TridentOperationContext implements IMetricsContext {
    private final TopologyContext context;

    /** Wraps the context of the task that runs the operation. */
    public TridentOperationContext(TopologyContext context) {
        this.context = context;
    }

    /** How many partitions (tasks) this part of the stream has. */
    public int numPartitions() {
        return context.getThisComponentTasks().size();
    }

    /** This task's partition index, from 0. */
    public int getPartitionIndex() {
        return context.getThisTaskIndex();
    }

    /** The task's topology context. */
    public TopologyContext getTopologyContext() {
        return context;
    }

    /**
     * Registers a v1 metric of the task (its value is taken and reset every {@code timeBucketSizeInSecs} and handed
     * to the topology's metrics consumers), as {@link TopologyContext#registerMetric(String, IMetric, int)} does.
     * Operations of one task share its metric names, so two operations of a part must pick different names.
     *
     * @throws IllegalArgumentException if the task already has a metric of that name, or the bucket is below 1 s
     */
    public <T extends IMetric> T registerMetric(String name, T metric, int timeBucketSizeInSecs) {
        return context.registerMetric(name, metric, timeBucketSizeInSecs);
    }

    /** Registers a {@link ReducedMetric} over {@code reducer}; see {@link #registerMetric(String, IMetric, int)}. */
    public ReducedMetric registerMetric(String name, IReducer<?> reducer, int timeBucketSizeInSecs) {
        return context.registerMetric(name, reducer, timeBucketSizeInSecs);
    }

    /** Registers a {@link CombinedMetric} over {@code combiner}; see {@link #registerMetric(String, IMetric, int)}. */
    public CombinedMetric registerMetric(String name, ICombiner<?> combiner, int timeBucketSizeInSecs) {
        return context.registerMetric(name, combiner, timeBucketSizeInSecs);
    }

    @Override
    public Counter registerCounter(String name) {
        return context.registerCounter(name);
    }

    @Override
    public Meter registerMeter(String name) {
        return context.registerMeter(name);
    }

    @Override
    public Timer registerTimer(String name) {
        return context.registerTimer(name);
    }

    @Override
    public Histogram registerHistogram(String name) {
        return context.registerHistogram(name);
    }

    @Override
    public <T> Gauge<T> registerGauge(String name, Gauge<T> gauge) {
        return context.registerGauge(name, gauge);
    }

    /**
     * Registers each metric of {@code set} as a metric of the task named {@code <prefix>.<its name>}, as
     * {@link TopologyContext#registerMetricSet} does.
     */
    public void registerMetricSet(String prefix, MetricSet set) {
        context.registerMetricSet(prefix, set);
    }
}
