package io.squall.daemon.metrics;

import com.codahale.metrics.MetricRegistry;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.metrics.reporters.PreparableReporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemons' reporter plugins: made from the configuration, refused with the key named, stopped with a report. */
class DaemonMetricsTest {
    private static final String PLUGINS = "storm.daemon.metrics.reporter.plugins";
    private static final String REPORTERS = "io.squall.daemon.metrics.reporters.";

    /** Records what the daemon calls. */
    public static class Recording implements PreparableReporter {
        static final List<String> CALLS = new ArrayList<>();

        @Override
        public void prepare(MetricRegistry metricsRegistry, Map<String, Object> daemonConf) {
            CALLS.add("prepare " + metricsRegistry.getNames());
        }

        @Override
        public void start() {
            CALLS.add("start");
        }

        @Override
        public void stop() {
            CALLS.add("stop");
        }
    }

    @Test
    void preparesStartsAndStopsTheNamedReporters() {
        Recording.CALLS.clear();
        DaemonMetrics m = DaemonMetrics.start(Map.of(PLUGINS, List.of(Recording.class.getName())));
        m.close();
        assertEquals(List.of("prepare []", "start", "stop"), Recording.CALLS);
    }

    @Test
    void theCsvReporterWritesGaugesAndMetersAtTheLastReport(@TempDir Path dir) throws IOException {
        DaemonMetrics m = DaemonMetrics.start(Map.of(PLUGINS, List.of(REPORTERS + "CsvPreparableReporter"),
                "storm.daemon.metrics.reporter.csv.log.dir", dir.toString(),
                "storm.daemon.metrics.reporter.interval.secs", 3600));
        m.gauge("cluster:num-supervisors", () -> 3);
        m.gauge("cluster:num-topologies", () -> {
            throw new IllegalStateException("ZooKeeper is out of reach");
        });
        m.meter("nimbus:num-submitTopology-calls").mark(2);
        m.close(); // The last report.
        assertEquals("3", lastValue(dir.resolve("cluster:num-supervisors.csv")));
        assertEquals("-1", lastValue(dir.resolve("cluster:num-topologies.csv")), "a gauge that cannot be read");
        assertEquals("2", lastValue(dir.resolve("nimbus:num-submitTopology-calls.csv")));
    }

    private static String lastValue(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.get(lines.size() - 1).split(",")[1];
    }

    @Test
    void theDefaultIsJmxAsStorms() {
        DaemonMetrics m = DaemonMetrics.start(Map.of());
        m.meter("nimbus:num-launched").mark();
        m.close();
    }

    @Test
    void aReporterThatCannotBeMadeOrSetUpIsRefusedNamingTheKeyAndTheClass(@TempDir Path dir) throws IOException {
        InvalidConfigException missing = assertThrows(InvalidConfigException.class,
                () -> DaemonMetrics.start(Map.of(PLUGINS, List.of("no.such.Reporter"))));
        assertTrue(missing.getMessage().contains(PLUGINS + ": no class no.such.Reporter"), missing.getMessage());

        InvalidConfigException notOne = assertThrows(InvalidConfigException.class,
                () -> DaemonMetrics.start(Map.of(PLUGINS, List.of(String.class.getName()))));
        assertTrue(notOne.getMessage().contains("java.lang.String does not implement " + PreparableReporter.class
                .getName()), notOne.getMessage());

        InvalidConfigException unit = assertThrows(InvalidConfigException.class,
                () -> DaemonMetrics.start(Map.of(PLUGINS, List.of(REPORTERS + "ConsolePreparableReporter"),
                        "storm.daemon.metrics.reporter.plugin.rate.unit", "FORTNIGHTS")));
        assertTrue(unit.getMessage().contains("storm.daemon.metrics.reporter.plugin.rate.unit is 'FORTNIGHTS'"),
                unit.getMessage());

        Path file = Files.writeString(dir.resolve("a-file"), "");
        InvalidConfigException csv = assertThrows(InvalidConfigException.class,
                () -> DaemonMetrics.start(Map.of(PLUGINS, List.of(REPORTERS + "CsvPreparableReporter"),
                        "storm.daemon.metrics.reporter.csv.log.dir", file.resolve("sub").toString())));
        assertTrue(csv.getMessage().contains("cannot write the daemon metrics directory"), csv.getMessage());
    }
}
