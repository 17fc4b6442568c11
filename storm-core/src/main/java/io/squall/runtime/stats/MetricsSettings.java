package io.squall.runtime.stats;

import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;

import java.util.List;
import java.util.Map;

/**
 * The validated metrics configuration of a topology. Immutable.
 *
 * @param enabled             whether executors sample latencies and reporters run; the plain counters
 *                            (emitted, acked, ...) are always kept
 * @param sampleEvery         executors time one tuple in this many
 * @param snapshotIntervalSecs how often a worker's metrics are snapshotted for aggregation and the dashboard
 * @param reporters           the reporters to run, from {@link #REPORTERS}
 * @param reportIntervalSecs  how often the console and CSV reporters write
 * @param csvDir              where the CSV reporter writes
 * @param prometheusPort      port of the Prometheus endpoint when no dashboard serves it; 0 picks a free one
 */
public record MetricsSettings(boolean enabled, int sampleEvery, int snapshotIntervalSecs, List<String> reporters,
                              int reportIntervalSecs, String csvDir, int prometheusPort) {
    /** The reporters Squall knows. */
    public static final List<String> REPORTERS = List.of("console", "csv", "jmx", "prometheus");

    /**
     * Validates and reads the metrics keys of a configuration.
     *
     * @throws InvalidConfigException naming the key whose value is wrong
     */
    public static MetricsSettings from(Map<String, Object> conf) {
        TopologySettings.validate(conf);
        Object raw = value(conf, ConfigKeys.TOPOLOGY_METRICS_REPORTERS);
        List<String> reporters = raw == null ? List.of() : ((List<?>) raw).stream().map(String::valueOf).toList();
        for (String r : reporters) {
            if (!REPORTERS.contains(r)) {
                throw new InvalidConfigException("Config key '" + ConfigKeys.TOPOLOGY_METRICS_REPORTERS.name()
                        + "' lists unknown reporter \"" + r + "\"; known reporters are " + REPORTERS);
            }
        }
        return new MetricsSettings(
                (Boolean) value(conf, ConfigKeys.TOPOLOGY_METRICS_ENABLED),
                ((Number) value(conf, ConfigKeys.TOPOLOGY_METRICS_SAMPLE_EVERY)).intValue(),
                ((Number) value(conf, ConfigKeys.TOPOLOGY_METRICS_SNAPSHOT_INTERVAL_SECS)).intValue(),
                reporters,
                ((Number) value(conf, ConfigKeys.TOPOLOGY_METRICS_REPORT_INTERVAL_SECS)).intValue(),
                (String) value(conf, ConfigKeys.TOPOLOGY_METRICS_CSV_DIR),
                ((Number) value(conf, ConfigKeys.TOPOLOGY_METRICS_PROMETHEUS_PORT)).intValue());
    }

    private static Object value(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.get(key.name());
        return v != null ? v : key.defaultValue();
    }
}
