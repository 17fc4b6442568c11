package io.squall.metrics.prometheus;

import io.squall.Await;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.metrics.DaemonMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The daemons' Prometheus reporter against a real Pushgateway (Debian's prometheus-pushgateway, on loopback). */
@Timeout(120)
class PrometheusPreparableReporterIT {
    private static final String PLUGINS = "storm.daemon.metrics.reporter.plugins";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Process gateway;

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            gateway.waitFor();
        }
    }

    private static Map<String, Object> conf(int port) {
        return Map.of(PLUGINS, List.of(PrometheusPreparableReporter.class.getName()),
                "storm.daemon.metrics.reporter.interval.secs", 1,
                "storm.daemon.metrics.reporter.plugin.prometheus.endpoint", "127.0.0.1:" + port);
    }

    private void startGateway(int port, Path log) throws IOException {
        boolean installed = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            installed |= !dir.isEmpty() && Files.isExecutable(Path.of(dir, "prometheus-pushgateway"));
        }
        if (!installed) {
            throw new IllegalStateException("prometheus-pushgateway is not installed (not on PATH): this test needs a "
                    + "real Pushgateway. Install the Debian package: apt-get install prometheus-pushgateway (.ci/run "
                    + "does this).");
        }
        gateway = new ProcessBuilder("prometheus-pushgateway", "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.until(Duration.ofSeconds(30), () -> status(port, "/-/ready") == 200,
                () -> "the Pushgateway to be ready on port " + port);
    }

    private static int status(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String scrape(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    @Test
    void pushesEachDaemonsMetricsUnderItsOwnInstanceOnceTheGatewayIsUp(@TempDir Path dir) throws Exception {
        // Until the Pushgateway starts, its port answers each connection by closing it: the pushes fail, the
        // daemons do not, and the reporters try again.
        ServerSocket refusing = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        int port = refusing.getLocalPort();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        Thread closer = new Thread(() -> {
            while (!refusing.isClosed()) {
                try {
                    refusing.accept().close();
                    refused.incrementAndGet();
                } catch (IOException e) {
                    return; // Closed.
                }
            }
        }, "refusing-gateway");
        closer.start();
        DaemonMetrics nimbus = DaemonMetrics.start(conf(port), "nimbus@test:6627");
        DaemonMetrics supervisor = DaemonMetrics.start(conf(port), "supervisor@test:6700");
        try {
            nimbus.gauge("summary.cluster:num-supervisors", () -> 3);
            nimbus.meter("nimbus:num-submitTopology-calls").mark(2);
            supervisor.gauge("supervisor:num-slots-used-gauge", () -> 1);
            Await.until(Duration.ofSeconds(30), () -> refused.get() >= 3, () -> "failed pushes: " + refused.get());
            refusing.close();
            closer.join();
            startGateway(port, dir.resolve("pushgateway.log"));
            Await.until(Duration.ofSeconds(30), () -> {
                String m = scrape(port);
                return m.contains("summary_cluster_num_supervisors{instance=\"nimbus@test:6627\",job=\"squall\"} 3")
                        && m.contains("nimbus_num_submitTopology_calls_total{instance=\"nimbus@test:6627\","
                        + "job=\"squall\"} 2")
                        && m.contains("supervisor_num_slots_used_gauge{instance=\"supervisor@test:6700\","
                        + "job=\"squall\"} 1");
            }, () -> "both daemons' metrics in the Pushgateway: " + scrape(port));
        } finally {
            nimbus.close();
            supervisor.close();
        }
    }

    @Test
    void aBadSchemeOrEndpointIsRefusedNamingTheKey() {
        InvalidConfigException scheme = assertThrows(InvalidConfigException.class, () -> DaemonMetrics.start(Map.of(
                PLUGINS, List.of(PrometheusPreparableReporter.class.getName()),
                "storm.daemon.metrics.reporter.plugin.prometheus.scheme", "ftp"), "nimbus@test:1"));
        assertTrue(scheme.getMessage().contains("storm.daemon.metrics.reporter.plugin.prometheus.scheme is 'ftp'"),
                scheme.getMessage());
        InvalidConfigException endpoint = assertThrows(InvalidConfigException.class, () -> DaemonMetrics.start(Map.of(
                PLUGINS, List.of(PrometheusPreparableReporter.class.getName()),
                "storm.daemon.metrics.reporter.plugin.prometheus.endpoint", "gateway-without-port"), "nimbus@test:1"));
        assertTrue(endpoint.getMessage().contains("give the Pushgateway's host:port"), endpoint.getMessage());
    }
}
