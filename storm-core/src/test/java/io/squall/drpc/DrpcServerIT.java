package io.squall.drpc;

import io.squall.Config;
import io.squall.LocalCluster;
import io.squall.DRPC;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.utils.DRPCClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DRPC server daemon: a topology takes its requests over HTTP, clients get answers, bad requests are refused. */
class DrpcServerIT {
    @Test
    @Timeout(120)
    void answersConcurrentReachQueriesOverHttpAndSurvivesBadRequests() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        HttpClient http = HttpClient.newHttpClient();
        try (DrpcServer server = new DrpcServer("127.0.0.1", 0, 60_000); LocalCluster cluster = new LocalCluster();
             DRPCClient client = new DRPCClient(Map.of(), "127.0.0.1", server.port());
             DrpcServer quick = new DrpcServer("127.0.0.1", 0, 2000);
             DRPCClient quickClient = new DRPCClient(Map.of(), "127.0.0.1", quick.port())) {
            String base = "http://127.0.0.1:" + server.port();
            Config conf = new Config();
            conf.put(DRPCSpout.SERVERS, List.of("127.0.0.1"));
            conf.put(DRPCSpout.PORT, server.port());
            conf.put(DRPC.REQUEST_TIMEOUT_SECS, 60);
            cluster.submitTopology("reach", conf, LinearDRPCIT.reach().createRemoteTopology());

            List<String> urls = new ArrayList<>();
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String url = "u" + (1 + i % 4);
                urls.add(url);
                answers.add(clients.submit(() -> client.execute("reach", url)));
            }
            for (int i = 0; i < urls.size(); i++) {
                assertEquals(String.valueOf(LinearDRPCIT.expectedReach(urls.get(i))), answers.get(i).get(),
                        "reach of " + urls.get(i));
            }

            assertEquals(404, status(http, HttpRequest.newBuilder(URI.create(base + "/nope")).GET().build()));
            assertEquals(400, status(http, HttpRequest.newBuilder(URI.create(base + "/drpc/reach")).GET().build()));
            assertEquals(405, status(http, HttpRequest.newBuilder(URI.create(base + "/drpc/reach"))
                    .PUT(HttpRequest.BodyPublishers.ofString("u1")).build()));
            assertEquals(404, status(http, HttpRequest.newBuilder(URI.create(base + "/invocations/nope/x"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build()));
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                OutputStream out = s.getOutputStream();
                out.write("\u0000\u0001garbage that is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                s.getInputStream().read();
            }
            HttpResponse<String> viaGet = http.send(HttpRequest.newBuilder(URI.create(base + "/drpc/reach?args=u3"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("5", viaGet.body(), "the server still answers after bad requests");
            assertTrue(server.counts().get("badRequests") >= 4, server.counts().toString());

            long start = System.nanoTime();
            DRPCExecutionException e = assertThrows(DRPCExecutionException.class,
                    () -> quickClient.execute("nobody-serves-this", "x"));
            assertEquals(DRPCExceptionType.SERVER_TIMEOUT, e.getType(), e.getMessage());
            assertTrue(e.getMessage().contains("Timed out"), e.getMessage());
            assertTrue(System.nanoTime() - start >= 1_900_000_000L, "waited the server's request timeout");
            assertEquals(101L, server.counts().get("completed"));
        } finally {
            clients.shutdownNow();
        }
    }

    private static int status(HttpClient http, HttpRequest req) throws Exception {
        return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
