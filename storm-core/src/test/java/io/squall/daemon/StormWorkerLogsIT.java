package io.squall.daemon;

import io.squall.Await;
import io.squall.SquallSubmitter;
import io.squall.clustertest.RecordingWordCount;
import io.squall.config.DaemonConfig;
import io.squall.testsupport.ClusterEvidence;
import io.squall.testsupport.ClusterLauncher;
import io.squall.testsupport.TopologyJar;
import io.squall.topology.ComponentPageInfo;
import io.squall.topology.ComponentType;
import io.squall.topology.ExecutorAggregateStats;
import io.squall.topology.ExecutorSummary;
import io.squall.topology.Nimbus;
import io.squall.topology.TopologySummary;
import io.squall.utils.NimbusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How tools written for Storm find a component's output on a real cluster (ZooKeeper, Nimbus, a supervisor and a
 * logviewer as processes): Storm's {@code getComponentPageInfo} gives the host and worker port of each of the
 * component's executors, and the logviewer serves that worker's log under Storm's name
 * {@code TOPOLOGY_ID/PORT/worker.log}, each line starting with the date Storm's worker logs start with. The
 * topology is submitted as Storm's harnesses submit, from the test's JVM with {@code storm.jar} set.
 */
@Timeout(240)
@ExtendWith(ClusterEvidence.class)
class StormWorkerLogsIT {
    private static final Duration LONG = Duration.ofSeconds(180);
    private static final Pattern STORM_LINE_START =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*");

    @Test
    void aComponentsPageLeadsToItsWorkersLogsUnderStormsNames() throws Exception {
        try (ClusterLauncher cluster = ClusterLauncher.create("storm-worker-logs")) {
            int nimbusPort = ClusterLauncher.freePort();
            int logviewerPort = ClusterLauncher.freePort();
            cluster.conf("nimbus.seeds=[\"127.0.0.1:" + nimbusPort + "\"]");
            cluster.startZookeeper();
            cluster.startNimbus("nimbus", nimbusPort);
            cluster.startSupervisor("supervisor", ClusterLauncher.freePort(), ClusterLauncher.freePort());
            cluster.startDaemon("logviewer", List.of(), List.of("logviewer.port=" + logviewerPort), "logviewer");
            Nimbus.Iface nimbus = NimbusClient.of(DaemonConfig.load(null, cluster.conf())).getClient();
            Await.until(LONG, () -> supervisors(nimbus) == 1, () -> "a leader Nimbus and a supervisor: "
                    + cluster.log("nimbus"));

            Path jar = TopologyJar.ofPackage(Path.of("target", "test-classes"),
                    RecordingWordCount.class.getPackageName(), cluster.base().resolve("topology.jar"));
            Path records = Files.createDirectories(cluster.base().resolve("wc"));
            // Submitted from this JVM as Storm's harnesses submit: storm.jar names the JAR, the file the cluster.
            Path conf = Files.write(cluster.base().resolve("squall.yaml"),
                    cluster.conf().stream().map(kv -> kv.replaceFirst("=", ": ")).toList());
            System.setProperty("squall.conf.file", conf.toString());
            System.setProperty(SquallSubmitter.JAR_PROPERTY, jar.toString());
            assertFalse(SquallSubmitter.isLocalOverride(), "an open LocalCluster would take the submission");
            try {
                SquallSubmitter.submitTopology("wc", RecordingWordCount.conf(2, 60),
                        RecordingWordCount.topology(records.toString(), 1000, 0, false));
            } finally {
                System.clearProperty(SquallSubmitter.JAR_PROPERTY);
                System.clearProperty("squall.conf.file");
            }
            TopologySummary wc = nimbus.getTopologySummaryByName("wc");
            Await.until(LONG, () -> placed(nimbus, wc.get_id()) == 4, () -> "the counter's 4 executors placed");

            ComponentPageInfo page = nimbus.getComponentPageInfo(wc.get_id(), "count", null, false);
            assertEquals("count", page.get_component_id());
            assertEquals(ComponentType.BOLT, page.get_component_type());
            assertEquals(wc.get_id(), page.get_topology_id());
            assertEquals("wc", page.get_topology_name());
            assertEquals(4, page.get_num_executors());
            assertEquals(4, page.get_num_tasks());
            assertEquals(ComponentType.SPOUT,
                    nimbus.getComponentPageInfo("wc", "sentences", null, false).get_component_type());
            assertThrows(IllegalArgumentException.class,
                    () -> nimbus.getComponentPageInfo(wc.get_id(), "nothing", null, false));

            Set<Integer> ports = new HashSet<>();
            for (ExecutorAggregateStats e : page.get_exec_stats()) {
                ExecutorSummary s = e.get_exec_summary();
                assertTrue(!s.get_host().isEmpty(), "a host for " + s);
                ports.add(s.get_port());
            }
            assertEquals(2, ports.size(), "the counter runs in both workers: " + page.get_exec_stats());

            // Storm's getTopologyInfo: one summary per executor, placed as on the page; Storm's harnesses count a
            // component's executors and add up their emitted counts of the default stream.
            assertEquals(places(page.get_exec_stats().stream().map(ExecutorAggregateStats::get_exec_summary).toList()),
                    places(executors(nimbus, wc.get_id(), "count")));
            Await.until(LONG, () -> executors(nimbus, wc.get_id(), "sentences").stream()
                    .mapToLong(e -> allTimeDefault(e)).sum() >= 1000, () -> "the spout's 1000 sentences "
                    + executors(nimbus, wc.get_id(), "sentences"));
            Await.until(LONG, () -> executors(nimbus, wc.get_id(), "split").stream()
                    .filter(e -> allTimeDefault(e) > 0).count() == 2, () -> "both splitters' words "
                    + executors(nimbus, wc.get_id(), "split"));
            HttpClient http = HttpClient.newHttpClient();
            for (int port : ports) {
                String stormName = URLEncoder.encode(wc.get_id() + "/" + port + "/worker.log", StandardCharsets.UTF_8);
                Await.until(LONG, () -> !download(http, logviewerPort, stormName).isEmpty(),
                        () -> "the log of the worker on " + port + ": " + cluster.log("logviewer"));
                String log = download(http, logviewerPort, stormName);
                String first = log.lines().findFirst().orElseThrow();
                assertTrue(STORM_LINE_START.matcher(first).matches(), "Storm's parser splits lines at " + first);
                String own = Files.readString(cluster.base().resolve("logs")
                        .resolve("worker-" + wc.get_id() + "-" + port + ".log"));
                assertTrue(own.startsWith(log.substring(0, Math.min(log.length(), 200))), "the same file");
            }
        }
    }

    private static int supervisors(Nimbus.Iface nimbus) {
        try {
            return nimbus.getClusterInfo().get_supervisors_size();
        } catch (RuntimeException e) {
            return 0; // Nimbus not up or not leader yet.
        }
    }

    private static List<ExecutorSummary> executors(Nimbus.Iface nimbus, String id, String component) {
        return nimbus.getTopologyInfo(id).get_executors().stream()
                .filter(e -> e.get_component_id().equals(component)).toList();
    }

    private static Set<String> places(List<ExecutorSummary> executors) {
        Set<String> out = new HashSet<>();
        executors.forEach(e -> out.add(e.get_executor_info().get_task_start() + "-"
                + e.get_executor_info().get_task_end() + "@" + e.get_host() + ":" + e.get_port()));
        return out;
    }

    private static long allTimeDefault(ExecutorSummary e) {
        Map<String, Map<String, Long>> counts = e.get_stats().get_emitted();
        Map<String, Long> allTime = counts == null ? null : counts.get(":all-time");
        return allTime == null ? 0 : allTime.getOrDefault("default", 0L);
    }

    private static long placed(Nimbus.Iface nimbus, String id) {
        return nimbus.getComponentPageInfo(id, "count", null, false).get_exec_stats().stream()
                .filter(e -> e.get_exec_summary().get_port() > 0).count();
    }

    private static String download(HttpClient http, int port, String encodedName) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/download?file=" + encodedName)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body() : "";
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
