package io.squall.daemon.metrics.reporters;

import com.codahale.metrics.ConsoleReporter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;

import java.util.Locale;
import java.util.Map;

/** Prints a daemon's metrics on standard output every {@code storm.daemon.metrics.reporter.interval.secs}. */
public class ConsolePreparableReporter extends ScheduledPreparableReporter {
    @Override
    ScheduledReporter build(MetricRegistry registry, Map<String, Object> daemonConf) {
        ConsoleReporter.Builder b = ConsoleReporter.forRegistry(registry)
                .convertRatesTo(ReporterSettings.rateUnit(daemonConf))
                .convertDurationsTo(ReporterSettings.durationUnit(daemonConf));
        Locale locale = ReporterSettings.locale(daemonConf);
        if (locale != null) {
            b.formattedFor(locale);
        }
        return b.build();
    }
}
