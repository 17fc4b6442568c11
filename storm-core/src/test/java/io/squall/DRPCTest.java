package io.squall;

import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.DRPCRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The request broker's counts per function: served, failed, timed out, and a bound on how many names it keeps. */
class DRPCTest {
    @Test
    @Timeout(10)
    void countsServedFailedAndTimedOutRequestsPerFunction() throws Exception {
        try (DRPC drpc = new DRPC(10_000); DRPC quick = new DRPC(20)) {
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> drpc.execute("reach", "u1"));
            drpc.returnResult(await(drpc, "reach").request_id(), "3");
            assertEquals("3", served.get());
            CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> drpc.execute("reach", "u2"));
            drpc.failRequest(await(drpc, "reach").request_id());
            assertEquals(DRPCExceptionType.FAILED_REQUEST,
                    ((DRPCExecutionException) assertThrows(Exception.class, failed::join).getCause()).getType());
            DRPCExecutionException late = assertThrows(DRPCExecutionException.class, () -> quick.execute("picky", "x"));
            assertEquals(DRPCExceptionType.SERVER_TIMEOUT, late.getType());

            assertEquals(Map.of("requests", 2L, "served", 1L, "failed", 1L, "timedOut", 0L),
                    drpc.functionCounts().get("reach"));
            assertEquals(Map.of("requests", 1L, "served", 0L, "failed", 0L, "timedOut", 1L),
                    quick.functionCounts().get("picky"));
        }
    }

    @Test
    @Timeout(10)
    void countsMadeUpFunctionNamesBeyondTheLimitUnderOther() {
        try (DRPC drpc = new DRPC(1)) {
            for (int i = 0; i < 1005; i++) {
                String f = "f" + i;
                assertThrows(DRPCExecutionException.class, () -> drpc.execute(f, ""));
            }
            Map<String, Map<String, Long>> counts = drpc.functionCounts();
            assertEquals(1001, counts.size(), "a thousand names and the rest together");
            assertEquals(5L, counts.get(DRPC.OTHER_FUNCTIONS).get("timedOut"));
        }
    }

    @Test
    @Timeout(10)
    void fetchesUpToMaxRequestsOldestFirstAndWaitsForOneWhenNoneWaits() throws Exception {
        try (DRPC drpc = new DRPC(10_000)) {
            List<CompletableFuture<String>> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String args = "a" + i;
                answers.add(CompletableFuture.supplyAsync(() -> drpc.execute("f", args)));
                long queued = i + 1;
                while (drpc.counts().get("waiting") < queued) {
                    Thread.onSpinWait();
                }
            }
            List<DRPCRequest> two = drpc.fetchRequests("f", 2, 0);
            assertEquals(List.of("a0", "a1"), two.stream().map(DRPCRequest::func_args).toList());
            List<DRPCRequest> last = drpc.fetchRequests("f", 5, 5_000);
            assertEquals(List.of("a2"), last.stream().map(DRPCRequest::func_args).toList(), "no wait when one waits");
            assertEquals(List.of(), drpc.fetchRequests("f", 5, 0));
            assertEquals(List.of(), drpc.fetchRequests("other", 5, 20), "waited 20 ms, none came");

            CompletableFuture<List<DRPCRequest>> polling = CompletableFuture.supplyAsync(
                    () -> drpc.fetchRequests("f", 5, 30_000));
            answers.add(CompletableFuture.supplyAsync(() -> drpc.execute("f", "late")));
            assertEquals(List.of("late"), polling.get(5, TimeUnit.SECONDS).stream().map(DRPCRequest::func_args)
                    .toList(), "the waiting fetch returns as soon as the request comes");
            assertThrows(IllegalArgumentException.class, () -> drpc.fetchRequests("f", 0, 0));
            assertThrows(IllegalArgumentException.class, () -> drpc.fetchRequests("f", 1, -1));
        }
    }

    /** The request a spout would fetch next, once the client's thread has queued it. */
    private static DRPCRequest await(DRPC drpc, String function) {
        while (true) {
            DRPCRequest r = drpc.fetchRequest(function);
            if (!r.request_id().isEmpty()) {
                return r;
            }
            Thread.onSpinWait();
        }
    }
}
