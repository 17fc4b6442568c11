package io.squall.metrics.report;

import com.codahale.metrics.ConsoleReporter;
import com.codahale.metrics.CsvReporter;
import com.codahale.metrics.ScheduledReporter;
import com.codahale.metrics.jmx.JmxReporter;
import io.squall.LocalCluster;
import io.squall.metrics.TaggedRegistry;
import io.squall.runtime.stats.MetricsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The reporters a topology's configuration switches on ({@code topology.metrics.reporters}): console and
 * CSV write every {@code topology.metrics.report.interval.secs}; JMX exposes each metric as an MBean in
 * the domain {@code squall.<topology>}; Prometheus serves {@code /metrics} on
 * {@code topology.metrics.prometheus.port} (the dashboard serves the same text at its own {@code /metrics}
 * whatever the reporters). Close to stop them all.
 */
public final class Reporters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reporters.class);

    private final String topology;
    private final List<ScheduledReporter> scheduled = new ArrayList<>();
    private JmxReporter jmx;
    private PrometheusEndpoint prometheus;

    private Reporters(String topology) {
        this.topology = topology;
    }

    /**
     * The reporters a local topology's configuration switched on (its first worker's, when it runs in several).
     *
     * @throws io.squall.topology.NotAliveException if no topology of that name runs or failed
     */
    public static Reporters of(LocalCluster cluster, String topology) {
        return cluster.unwrap(topology, Reporters.class);
    }

    /** Starts the configured reporters for one topology's registry. */
    public static Reporters start(String topology, TaggedRegistry registry, MetricsSettings settings) {
        Reporters r = new Reporters(topology);
        if (!settings.enabled()) {
            return r;
        }
        try {
            for (String kind : settings.reporters()) {
                switch (kind) {
                    case "console" -> r.schedule(ConsoleReporter.forRegistry(registry.registry())
                            .convertDurationsTo(TimeUnit.MILLISECONDS).convertRatesTo(TimeUnit.SECONDS)
                            .build(), settings);
                    case "csv" -> {
                        File dir = new File(settings.csvDir(), topology);
                        if (!dir.isDirectory() && !dir.mkdirs()) {
                            throw new IllegalStateException("Cannot create the CSV metrics directory " + dir);
                        }
                        r.schedule(CsvReporter.forRegistry(registry.registry()).formatFor(Locale.ROOT)
                                .convertDurationsTo(TimeUnit.MILLISECONDS).convertRatesTo(TimeUnit.SECONDS)
                                .build(dir), settings);
                    }
                    case "jmx" -> {
                        r.jmx = JmxReporter.forRegistry(registry.registry()).inDomain(jmxDomain(topology))
                                .convertDurationsTo(TimeUnit.MILLISECONDS).build();
                        r.jmx.start();
                    }
                    case "prometheus" -> r.prometheus = PrometheusEndpoint.register("127.0.0.1",
                            settings.prometheusPort(), topology, registry);
                    default -> throw new IllegalStateException("Unknown reporter " + kind);
                }
            }
        } catch (RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** The JMX domain of a topology's metrics. */
    public static String jmxDomain(String topology) {
        return "squall." + topology;
    }

    private void schedule(ScheduledReporter reporter, MetricsSettings settings) {
        reporter.start(settings.reportIntervalSecs(), TimeUnit.SECONDS);
        scheduled.add(reporter);
    }

    /** The Prometheus endpoint this topology opened, or null. */
    public PrometheusEndpoint prometheus() {
        return prometheus;
    }

    /** Reports once more (console, CSV) and stops every reporter. */
    @Override
    public void close() {
        for (ScheduledReporter s : scheduled) {
            try {
                s.report();
            } catch (RuntimeException e) {
                LOG.warn("Last metrics report of {} failed", topology, e);
            }
            s.close();
        }
        scheduled.clear();
        if (jmx != null) {
            jmx.close();
            jmx = null;
        }
        if (prometheus != null) {
            prometheus.unregister(topology);
            prometheus = null;
        }
    }
}
