package io.squall.daemon.metrics.reporters;

import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;

import java.io.File;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The daemon reporters' settings, read from a daemon's configuration with their defaults; bad values name the key.
 * Public for reporters in other packages (the Prometheus one).
 */
public final class ReporterSettings {
    private ReporterSettings() {
    }

    /** {@code storm.daemon.metrics.reporter.plugin.locale}, or null for the JVM's. */
    static Locale locale(Map<String, Object> conf) {
        String tag = string(conf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_LOCALE);
        if (tag == null) {
            return null;
        }
        try {
            return new Locale.Builder().setLanguageTag(tag).build();
        } catch (IllformedLocaleException e) {
            throw new InvalidConfigException(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_LOCALE.name() + " is '"
                    + tag + "', not a language tag such as en-US: " + e.getMessage());
        }
    }

    /** {@code storm.daemon.metrics.reporter.plugin.rate.unit}: what rates are per, seconds unless set. */
    static TimeUnit rateUnit(Map<String, Object> conf) {
        return unit(conf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_RATE_UNIT, TimeUnit.SECONDS);
    }

    /** {@code storm.daemon.metrics.reporter.plugin.duration.unit}: what durations are in, milliseconds unless set. */
    static TimeUnit durationUnit(Map<String, Object> conf) {
        return unit(conf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_DURATION_UNIT, TimeUnit.MILLISECONDS);
    }

    /** {@code storm.daemon.metrics.reporter.interval.secs}. */
    public static int intervalSecs(Map<String, Object> conf) {
        Object v = conf.get(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS.name());
        if (v == null) {
            return (Integer) ConfigKeys.STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS.defaultValue();
        }
        if (!(v instanceof Number n) || n.intValue() < 1 || n.doubleValue() != n.intValue()) {
            throw new InvalidConfigException(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS.name() + " is "
                    + v + ": give a whole number of seconds, at least 1");
        }
        return n.intValue();
    }

    /** {@code storm.daemon.metrics.reporter.csv.log.dir}, or {@code storm.local.dir/csvmetrics}; made if missing. */
    static File csvDir(Map<String, Object> conf) {
        String dir = string(conf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_CSV_LOG_DIR);
        if (dir == null) {
            String local = string(conf, ConfigKeys.STORM_LOCAL_DIR);
            dir = new File(local == null ? String.valueOf(ConfigKeys.STORM_LOCAL_DIR.defaultValue()) : local,
                    "csvmetrics").getPath();
        }
        File f = new File(dir);
        if (!f.isDirectory() && !f.mkdirs() || !f.canWrite()) {
            throw new InvalidConfigException(ConfigKeys.STORM_DAEMON_METRICS_REPORTER_CSV_LOG_DIR.name() + ": cannot "
                    + "write the daemon metrics directory " + f.getAbsolutePath() + "; make it writable or set another");
        }
        return f;
    }

    /** {@code storm.daemon.metrics.reporter.plugin.domain}, or null for metrics-core's default. */
    static String domain(Map<String, Object> conf) {
        return string(conf, ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_DOMAIN);
    }

    private static TimeUnit unit(Map<String, Object> conf, ConfigKey key, TimeUnit dflt) {
        String name = string(conf, key);
        if (name == null) {
            return dflt;
        }
        try {
            return TimeUnit.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(key.name() + " is '" + name + "': give one of "
                    + Arrays.toString(TimeUnit.values()));
        }
    }

    private static String string(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.get(key.name());
        return v == null || String.valueOf(v).isBlank() ? null : String.valueOf(v);
    }
}
