package io.squall.daemon.metrics.reporters;

import com.codahale.metrics.MetricRegistry;

import java.util.Map;

/**
 * Reports a cluster daemon's own metrics (Nimbus, a supervisor, a DRPC server): Storm's interface for the classes
 * named in {@code storm.daemon.metrics.reporter.plugins}. A daemon makes each with its public no-argument
 * constructor, calls {@link #prepare} with its registry and configuration, then {@link #start}; {@link #stop} when it
 * stops.
 */
public interface PreparableReporter {
    /** Sets the reporter up for {@code metricsRegistry}; {@code daemonConf} is the daemon's configuration. */
    void prepare(MetricRegistry metricsRegistry, Map<String, Object> daemonConf);

    /** Starts reporting. */
    void start();

    /** Reports a last time where that applies, and stops. */
    void stop();
}
