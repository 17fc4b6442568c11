package io.squall.task;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;

/**
 * Where a component registers its own metrics, reported with the built-in ones (see
 * {@link TopologyContext#registerCounter}). Given to Trident state factories.
 */
public interface IMetricsContext {
    /** A counter of this task. */
    Counter registerCounter(String name);

    /** A meter of this task. */
    Meter registerMeter(String name);

    /** A timer of this task. */
    Timer registerTimer(String name);

    /** A histogram of this task. */
    Histogram registerHistogram(String name);

    /** Registers a gauge of this task. */
    <T> Gauge<T> registerGauge(String name, Gauge<T> gauge);
}
