package io.squall.drpc;

import io.squall.Await;
import io.squall.daemon.drpc.DrpcServer;
import io.squall.topology.DRPCRequest;
import io.squall.utils.DRPCClient;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DRPC server's batch fetch ({@code GET /invocations/FUNCTION/fetch?max=N&waitMs=W}) as a DRPC spout uses it:
 * up to N requests a round trip, oldest first, a long poll that answers as soon as a request comes, and bad
 * parameters refused while the server goes on.
 */
class DrpcFetchIT {
    @Test
    @Timeout(60)
    void fetchesUpToNRequestsOldestFirstAndLongPollsWhenNoneWaits() throws Exception {
        ExecutorService clients = Executors.newCachedThreadPool();
        try (DrpcServer server = new DrpcServer("127.0.0.1", 0, 30_000);
             DRPCClient caller = new DRPCClient(Map.of(), "127.0.0.1", server.port());
             DRPCInvocationsClient spout = new DRPCInvocationsClient(Map.of(), "127.0.0.1", server.port(), null)) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String args = "a" + i;
                answers.add(CompletableFuture.supplyAsync(() -> caller.execute("f", args), clients));
                long queued = i + 1;
                Await.until(Duration.ofSeconds(20), () -> server.counts().get("waiting") == queued,
                        () -> "request " + args + " queued");
            }
            List<DRPCRequest> first = spout.fetchRequests("f", 3, 0);
            assertEquals(List.of("a0", "a1", "a2"), first.stream().map(DRPCRequest::func_args).toList());
            List<DRPCRequest> rest = spout.fetchRequests("f", 10, 0);
            assertEquals(List.of("a3", "a4"), rest.stream().map(DRPCRequest::func_args).toList());
            assertEquals(List.of(), spout.fetchRequests("f", 10, 0), "none waits, no wait asked: empty at once");
            assertEquals("", spout.fetchRequest("f").request_id(), "the one-request fetch still answers");

            long t0 = System.nanoTime();
            assertEquals(List.of(), spout.fetchRequests("f", 10, 300));
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(waitedMs >= 250, "an idle long poll waits about its waitMs, waited " + waitedMs + " ms");

            CompletableFuture<List<DRPCRequest>> polling = CompletableFuture.supplyAsync(
                    () -> spout.fetchRequests("f", 10, 20_000), clients);
            answers.add(CompletableFuture.supplyAsync(() -> caller.execute("f", "late"), clients));
            List<DRPCRequest> late = polling.get(15, TimeUnit.SECONDS);
            assertEquals(List.of("late"), late.stream().map(DRPCRequest::func_args).toList(),
                    "the long poll answers when the request comes, not after its 20 s");

            List<DRPCRequest> all = new ArrayList<>(first);
            all.addAll(rest);
            all.addAll(late);
            for (DRPCRequest r : all) {
                spout.result(r.request_id(), r.func_args() + "!");
            }
            for (int i = 0; i < 5; i++) {
                assertEquals("a" + i + "!", answers.get(i).get(10, TimeUnit.SECONDS));
            }
            assertEquals("late!", answers.get(5).get(10, TimeUnit.SECONDS));
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    @Timeout(60)
    void refusesBadFetchParametersAndGoesOn() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (DrpcServer server = new DrpcServer("127.0.0.1", 0, 30_000)) {
            String base = "http://127.0.0.1:" + server.port() + "/invocations/f/fetch";
            for (String query : List.of("?max=0", "?max=abc", "?max=1001", "?max=5&waitMs=-1", "?max=5&waitMs=60001",
                    "?waitMs=10", "?max=2&max=3")) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + query)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(400, r.statusCode(), query + ": " + r.body());
                assertTrue(r.body().contains("max=N&waitMs=W"), r.body());
            }
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "?max=5&waitMs=0")).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("{\"requests\":[]}", ok.body());
            assertEquals(7L, server.counts().get("badRequests"));
        }
    }
}
