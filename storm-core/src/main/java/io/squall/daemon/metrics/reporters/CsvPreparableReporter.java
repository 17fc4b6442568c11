package io.squall.daemon.metrics.reporters;

import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.ScheduledReporter;

import java.util.Locale;
import java.util.Map;

/**
 * Appends a daemon's metrics to one CSV file per metric ({@code nimbus:num-submitTopology-calls.csv}) in
 * {@code storm.daemon.metrics.reporter.csv.log.dir} (default {@code storm.local.dir/csvmetrics}) every
 * {@code storm.daemon.metrics.reporter.interval.secs}.
 */
public class CsvPreparableReporter extends ScheduledPreparableReporter {
    @Override
    ScheduledReporter build(MetricRegistry registry, Map<String, Object> daemonConf) {
        CsvReporter.Builder b = CsvReporter.forRegistry(registry)
                .convertRatesTo(ReporterSettings.rateUnit(daemonConf))
                .convertDurationsTo(ReporterSettings.durationUnit(daemonConf));
        Locale locale = ReporterSettings.locale(daemonConf);
        b.formatFor(locale == null ? Locale.ROOT : locale);
        return b.build(ReporterSettings.csvDir(daemonConf));
    }
}
