package io.squall.metrics;

import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.metrics.report.Reporters;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportersIT {
    private Path dir;

    @AfterEach
    void cleanUp() throws IOException {
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @Timeout(60)
    void csvJmxAndPrometheusReportTheTopology() throws Exception {
        dir = Files.createTempDirectory(Path.of("target"), "csv-metrics");
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("counter", new TestWordCounter()).fieldsGrouping("words", new Fields("word"));
        Config conf = new Config();
        conf.put("topology.metrics.reporters", List.of("csv", "jmx", "prometheus"));
        conf.put("topology.metrics.csv.dir", dir.toString());
        conf.put("topology.metrics.report.interval.secs", 1);
        conf.put("topology.metrics.prometheus.port", 0);
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("reported", conf, b.createTopology());

            Path csv = dir.resolve("reported").resolve("component.words.emitted.csv");
            Await.until(Duration.ofSeconds(20), () -> lines(csv) >= 3, () -> csv + " with two reports");
            List<String> rows = Files.readAllLines(csv);
            assertEquals("t,value", rows.get(0));
            long last = Long.parseLong(rows.get(rows.size() - 1).split(",")[1]);
            assertTrue(last > 0, "emitted reported in CSV: " + rows);

            MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
            ObjectName pattern = new ObjectName(Reporters.jmxDomain("reported") + ":name=component.words.emitted,*");
            Await.until(Duration.ofSeconds(10), () -> mbeans.queryNames(pattern, null).size() == 1,
                    () -> pattern + " registered");
            ObjectName emitted = mbeans.queryNames(pattern, null).iterator().next();
            assertTrue(((Number) mbeans.getAttribute(emitted, "Value")).longValue() > 0);

            int port = Reporters.of(cluster, "reported").prometheus().port();
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, res.statusCode());
            assertTrue(res.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"));
            PrometheusTextTest.assertParses(res.body());
            assertTrue(res.body().contains("squall_component_emitted_total{topology=\"reported\",component=\"words\"}"),
                    res.body());

            cluster.killTopology("reported");
            assertFalse(mbeans.isRegistered(emitted), "JMX beans go with the topology");
        }
    }

    private static long lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
