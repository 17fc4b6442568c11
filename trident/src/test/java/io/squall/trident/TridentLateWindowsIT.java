package io.squall.trident;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.Await;
import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.daemon.ui.DashboardServer;
import io.squall.daemon.ui.LocalClusterView;
import io.squall.topology.base.BaseWindowedBolt;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.windowing.InMemoryWindowsStoreFactory;
import io.squall.trident.windowing.WindowConfig;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The late tuples per window of a Trident window by event time, as the windowed bolts report them: task metrics
 * {@code late-tuples.window-N.{start,end,count}} in the dashboard's JSON API (the component page draws its table
 * from them). A finite spout declared with event time sends 1 s to 60 s in order, then four tuples whose 5-second
 * windows fired long before: three for (10 s, 15 s] and one for (30 s, 35 s].
 */
@Timeout(90)
class TridentLateWindowsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode get(HttpClient http, HttpRequest req) {
        try {
            return JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void reportsEachWindowsLateTuplesWithItsBoundsLatestFirstInTheJsonApi() throws Exception {
        List<List<Object>> values = new ArrayList<>();
        for (long s = 1; s <= 60; s++) {
            values.add(new Values(s * 1_000L));
        }
        for (long ts : new long[] {12_500, 11_000, 15_000, 31_000}) {
            values.add(new Values(ts));
        }
        FixedBatchSpout spout = new FixedBatchSpout(new Fields("ts"), 5, values);
        TridentTopology t = new TridentTopology();
        t.newStream("late-windows", spout).withEventTime("ts", Duration.ZERO)
                .each(new Fields("ts"), new io.squall.trident.testing.TrueFilter())
                .window(WindowConfig.tumbling(BaseWindowedBolt.Duration.seconds(5)).withTimestampField("ts"),
                        new InMemoryWindowsStoreFactory(), new Fields("ts"), new Count(), new Fields("count"))
                .name("windows");
        HttpClient http = HttpClient.newHttpClient();
        try (LocalCluster cluster = new LocalCluster();
             DashboardServer server = new DashboardServer(new LocalClusterView(cluster), "127.0.0.1", 0, 200)) {
            cluster.submitTopology("trident-late", new Config(), t.build());
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/api/v1/topologies/trident-late/metrics?window=all")).GET().build();
            Map<String, Long> late = new TreeMap<>();
            Await.until(Duration.ofSeconds(60), () -> {
                late.clear();
                JsonNode user = get(http, req).path("userMetrics");
                for (Map.Entry<String, JsonNode> e : user.properties()) {
                    int at = e.getKey().indexOf(".late-tuples.window-");
                    if (at > 0 && e.getKey().contains("windows")) {
                        late.put(e.getKey().substring(at + 1), e.getValue().asLong());
                    }
                }
                return Long.valueOf(3).equals(late.get("late-tuples.window-2.count"));
            }, () -> "the late windows in the JSON API: " + late);
            assertEquals(Map.of(
                    "late-tuples.window-1.start", 30_000L, "late-tuples.window-1.end", 35_000L,
                    "late-tuples.window-1.count", 1L,
                    "late-tuples.window-2.start", 10_000L, "late-tuples.window-2.end", 15_000L,
                    "late-tuples.window-2.count", 3L,
                    "late-tuples.window-3.start", 0L, "late-tuples.window-3.end", 0L,
                    "late-tuples.window-3.count", 0L), late, "latest window first");
        }
    }
}
