package io.squall.daemon.metrics;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.metrics.reporters.PreparableReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cluster daemon's own metrics (Storm's "cluster metrics": {@code cluster:num-supervisors},
 * {@code nimbus:num-submitTopology-calls}, {@code supervisor:num-workers-launched}, ...), in a metrics-core registry
 * that the reporters of {@code storm.daemon.metrics.reporter.plugins} report (JMX by default, as Storm). A daemon
 * starts one when it starts and closes it when it stops. Thread-safe.
 */
public final class DaemonMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonMetrics.class);

    private final MetricRegistry registry = new MetricRegistry();
    private final List<PreparableReporter> reporters = new ArrayList<>();

    private DaemonMetrics() {
    }

    /** The setting a reporter reads this daemon's name from ({@code nimbus@host:port}), unless the user set it. */
    public static final String INSTANCE = "storm.daemon.metrics.reporter.plugin.prometheus.instance";

    /**
     * Makes, prepares and starts the reporters {@code daemonConf} names, for the daemon {@code instance}
     * ({@code nimbus@host:port}: what a reporter that pushes tells daemons apart by).
     *
     * @throws InvalidConfigException naming the key and the class when a reporter cannot be made or refuses its
     *         settings
     */
    public static DaemonMetrics start(Map<String, Object> daemonConf, String instance) {
        Map<String, Object> conf = new HashMap<>(daemonConf);
        conf.putIfAbsent(INSTANCE, instance);
        return start(conf);
    }

    /** As {@link #start(Map, String)}, the daemon's name taken from the configuration. */
    public static DaemonMetrics start(Map<String, Object> daemonConf) {
        DaemonMetrics m = new DaemonMetrics();
        String key = ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGINS.name();
        Object names = daemonConf.getOrDefault(key, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGINS.defaultValue());
        if (!(names instanceof List<?> list)) {
            throw new InvalidConfigException(key + " is " + names + ": give a list of class names");
        }
        try {
            for (Object name : list) {
                PreparableReporter r = make(key, String.valueOf(name));
                r.prepare(m.registry, daemonConf);
                r.start();
                m.reporters.add(r);
                LOG.info("Reporting this daemon's metrics with {}", name);
            }
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    private static PreparableReporter make(String key, String name) {
        Class<?> type;
        try {
            type = Class.forName(name.trim());
        } catch (ClassNotFoundException e) {
            throw new InvalidConfigException(key + ": no class " + name + " on the daemon's class path; name one "
                    + "implementing io.squall.daemon.metrics.reporters.PreparableReporter (JmxPreparableReporter, "
                    + "ConsolePreparableReporter, CsvPreparableReporter or yours)");
        }
        if (!PreparableReporter.class.isAssignableFrom(type)) {
            throw new InvalidConfigException(key + ": " + name + " does not implement "
                    + PreparableReporter.class.getName());
        }
        try {
            return (PreparableReporter) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new InvalidConfigException(key + ": cannot make " + name + " with a public no-argument "
                    + "constructor: " + (e.getCause() != null ? e.getCause() : e));
        }
    }

    /** The registry the reporters report. */
    public MetricRegistry registry() {
        return registry;
    }

    /** The meter {@code name} (made on first use). */
    public Meter meter(String name) {
        return registry.meter(name);
    }

    /** The timer {@code name} (made on first use). */
    public Timer timer(String name) {
        return registry.timer(name);
    }

    /**
     * Registers a gauge read at each report. A value that cannot be read now (ZooKeeper out of reach) reports -1
     * rather than failing the whole report.
     */
    public void gauge(String name, Supplier<? extends Number> value) {
        registry.register(name, (Gauge<Number>) () -> {
            try {
                return value.get();
            } catch (RuntimeException e) {
                LOG.debug("Gauge {} cannot be read now: {}", name, e.toString());
                return -1;
            }
        });
    }

    /** Stops every reporter (each reports a last time where it writes periodically). */
    @Override
    public void close() {
        for (PreparableReporter r : reporters) {
            try {
                r.stop();
            } catch (RuntimeException e) {
                LOG.warn("Stopping the daemon metrics reporter {} failed: {}", r.getClass().getName(), e.toString());
            }
        }
        reporters.clear();
    }
}
