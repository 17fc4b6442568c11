package io.squall.daemon.metrics.reporters;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A reporter that writes every {@code storm.daemon.metrics.reporter.interval.secs}, and once more when stopped. */
abstract class ScheduledPreparableReporter implements PreparableReporter {
    private ScheduledReporter reporter;
    private int intervalSecs;

    /** The metrics-core reporter, made from the daemon's settings. */
    abstract ScheduledReporter build(MetricRegistry registry, Map<String, Object> daemonConf);

    @Override
    public void prepare(MetricRegistry metricsRegistry, Map<String, Object> daemonConf) {
        intervalSecs = ReporterSettings.intervalSecs(daemonConf);
        reporter = build(metricsRegistry, daemonConf);
    }

    @Override
    public void start() {
        prepared().start(intervalSecs, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        prepared().report();
        prepared().stop();
    }

    private ScheduledReporter prepared() {
        if (reporter == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before prepare");
        }
        return reporter;
    }
}
