package io.squall.daemon.metrics.reporters;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;

import java.util.Map;

/**
 * Exposes a daemon's metrics as JMX MBeans, in {@code storm.daemon.metrics.reporter.plugin.domain} (metrics-core's
 * {@code metrics} unless set). The daemons' default reporter, as Storm's.
 */
public class JmxPreparableReporter implements PreparableReporter {
    private JmxReporter reporter;

    @Override
    public void prepare(MetricRegistry metricsRegistry, Map<String, Object> daemonConf) {
        JmxReporter.Builder b = JmxReporter.forRegistry(metricsRegistry)
                .convertRatesTo(ReporterSettings.rateUnit(daemonConf))
                .convertDurationsTo(ReporterSettings.durationUnit(daemonConf));
        String domain = ReporterSettings.domain(daemonConf);
        if (domain != null) {
            b.inDomain(domain);
        }
        reporter = b.build();
    }

    @Override
    public void start() {
        prepared().start();
    }

    @Override
    public void stop() {
        prepared().stop();
    }

    private JmxReporter prepared() {
        if (reporter == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before prepare");
        }
        return reporter;
    }
}
