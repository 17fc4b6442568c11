package io.squall;

import io.squall.topology.DRPCExceptionType;
import io.squall.topology.DRPCExecutionException;
import io.squall.topology.DRPCRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The heart of a DRPC server: clients {@link #execute} a function with arguments and wait; topologies
 * {@link #fetchRequest} the requests of their function and {@link #returnResult} or {@link #failRequest} them. A
 * request with no result after its timeout fails with {@link DRPCExceptionType#SERVER_TIMEOUT} and is forgotten,
 * so a result that comes later is dropped (and counted). {@link LocalDRPC} serves through it, and so does the DRPC
 * daemon. It sits here, next to {@code LocalDRPC}, so that this package does not depend on Storm's {@code drpc}
 * package, which depends on it ({@code DRPCSpout(String, ILocalDRPC)}). Thread-safe.
 */
public final class DRPC implements AutoCloseable {
    /** Seconds a request waits for its result. */
    public static final String REQUEST_TIMEOUT_SECS = "drpc.request.timeout.secs";
    /** Default of {@link #REQUEST_TIMEOUT_SECS}. */
    public static final int DEFAULT_REQUEST_TIMEOUT_SECS = 600;

    private static final class Pending {
        final String id;
        final String args;
        final CompletableFuture<String> result = new CompletableFuture<>();

        Pending(String id, String args) {
            this.id = id;
            this.args = args;
        }
    }

    private final long timeoutMs;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, BlockingQueue<Pending>> queues = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder lateResults = new LongAdder();
    private final Map<String, FunctionCounts> perFunction = new ConcurrentHashMap<>();
    /**
     * Functions counted by name at most; requests of further names (clients calling made-up functions) are counted
     * under {@value #OTHER_FUNCTIONS}, so bad requests cannot grow the counts without bound.
     */
    private static final int MAX_COUNTED_FUNCTIONS = 1000;
    /** The name the requests of functions beyond {@link #MAX_COUNTED_FUNCTIONS} are counted under. */
    public static final String OTHER_FUNCTIONS = "(other)";

    /** What became of one function's requests. */
    private static final class FunctionCounts {
        final LongAdder requests = new LongAdder();
        final LongAdder served = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder timedOut = new LongAdder();

        Map<String, Long> snapshot() {
            return Map.of("requests", requests.sum(), "served", served.sum(), "failed", failed.sum(),
                    "timedOut", timedOut.sum());
        }
    }
    private volatile boolean closed;

    /** A DRPC whose requests wait at most {@code timeoutMs} for their results. */
    public DRPC(long timeoutMs) {
        if (timeoutMs < 1) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT_SECS + " must be positive, got " + timeoutMs + " ms");
        }
        this.timeoutMs = timeoutMs;
    }

    /** The request timeout of a config ({@value #REQUEST_TIMEOUT_SECS}), in milliseconds. */
    public static long timeoutMs(Map<String, Object> conf) {
        Object v = conf == null ? null : conf.get(REQUEST_TIMEOUT_SECS);
        if (v == null) {
            return DEFAULT_REQUEST_TIMEOUT_SECS * 1000L;
        }
        if (!(v instanceof Number n) || n.doubleValue() <= 0) {
            throw new IllegalArgumentException(REQUEST_TIMEOUT_SECS + " must be a positive number of seconds, got "
                    + v);
        }
        return (long) (n.doubleValue() * 1000);
    }

    /**
     * Runs {@code function} on {@code args} and waits for the result.
     *
     * @throws DRPCExecutionException if the request times out, the topology fails it, or the server closes
     * @throws IllegalArgumentException if the function name is empty or args is null
     */
    public String execute(String function, String args) {
        if (function == null || function.isEmpty()) {
            throw new IllegalArgumentException("A DRPC request needs a function name");
        }
        if (args == null) {
            throw new IllegalArgumentException("A DRPC request of '" + function + "' needs arguments (may be empty)");
        }
        if (closed) {
            throw new DRPCExecutionException("The DRPC server is shutting down", DRPCExceptionType.SERVER_SHUTDOWN);
        }
        requests.increment();
        FunctionCounts fc = countsOf(function);
        fc.requests.increment();
        String id = Long.toString(ids.incrementAndGet());
        Pending p = new Pending(id, args);
        pending.put(id, p);
        queue(function).add(p);
        try {
            String r = p.result.get(timeoutMs, TimeUnit.MILLISECONDS);
            completed.increment();
            fc.served.increment();
            return r;
        } catch (TimeoutException e) {
            timedOut.increment();
            fc.timedOut.increment();
            throw new DRPCExecutionException("Timed out waiting for the result of " + function + "(" + args + ") after "
                    + timeoutMs + " ms", DRPCExceptionType.SERVER_TIMEOUT);
        } catch (ExecutionException e) {
            failed.increment();
            fc.failed.increment();
            if (e.getCause() instanceof DRPCExecutionException d) {
                throw new DRPCExecutionException(d.getMessage(), d.getType());
            }
            throw new DRPCExecutionException("Request " + function + "(" + args + ") failed: " + e.getCause(),
                    DRPCExceptionType.INTERNAL_ERROR);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fc.failed.increment();
            throw new DRPCExecutionException("Interrupted waiting for " + function, DRPCExceptionType.INTERNAL_ERROR);
        } finally {
            pending.remove(id);
            BlockingQueue<Pending> q = queues.get(function);
            if (q != null) {
                q.remove(p);
            }
        }
    }

    private BlockingQueue<Pending> queue(String function) {
        return queues.computeIfAbsent(function, k -> new LinkedBlockingQueue<>());
    }

    /** The next waiting request of {@code function}, or one with an empty id if none waits. */
    public DRPCRequest fetchRequest(String function) {
        BlockingQueue<Pending> q = queues.get(function);
        Pending p = q == null ? null : q.poll();
        return p == null ? new DRPCRequest("", "") : new DRPCRequest(p.args, p.id);
    }

    /**
     * Up to {@code max} waiting requests of {@code function}, oldest first. When none waits, waits up to
     * {@code waitMs} for one (a long poll, so a topology's spout neither polls an idle server in a loop nor picks
     * up a new request late), then returns what is there; an empty list if none came. Blocks the calling thread.
     *
     * @throws IllegalArgumentException if {@code max} is less than 1 or {@code waitMs} negative
     */
    public List<DRPCRequest> fetchRequests(String function, int max, long waitMs) {
        if (max < 1 || waitMs < 0) {
            throw new IllegalArgumentException("fetchRequests needs max >= 1 and waitMs >= 0, got max " + max
                    + ", waitMs " + waitMs);
        }
        BlockingQueue<Pending> q = queue(function);
        List<Pending> got = new ArrayList<>();
        q.drainTo(got, max);
        if (got.isEmpty() && waitMs > 0 && !closed) {
            try {
                Pending first = q.poll(waitMs, TimeUnit.MILLISECONDS);
                if (first != null) {
                    got.add(first);
                    q.drainTo(got, max - 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<DRPCRequest> ret = new ArrayList<>(got.size());
        for (Pending p : got) {
            ret.add(new DRPCRequest(p.args, p.id));
        }
        return ret;
    }

    /** Completes request {@code id} with {@code result}; a result for a forgotten request is counted and dropped. */
    public void returnResult(String id, String result) {
        Pending p = id == null ? null : pending.get(id);
        if (p == null || !p.result.complete(result)) {
            lateResults.increment();
        }
    }

    /** Fails request {@code id}: its client gets a {@link DRPCExecutionException} now. */
    public void failRequest(String id) {
        failRequest(id, new DRPCExecutionException("Request failed"));
    }

    /** Fails request {@code id} with {@code e}. */
    public void failRequest(String id, DRPCExecutionException e) {
        Pending p = id == null ? null : pending.get(id);
        if (p == null || !p.result.completeExceptionally(e)) {
            lateResults.increment();
        }
    }

    /** Request counts: requests, completed, failed, timedOut, lateResults, waiting. */
    public Map<String, Long> counts() {
        return Map.of("requests", requests.sum(), "completed", completed.sum(), "failed", failed.sum(),
                "timedOut", timedOut.sum(), "lateResults", lateResults.sum(), "waiting", (long) pending.size());
    }

    private FunctionCounts countsOf(String function) {
        FunctionCounts c = perFunction.get(function);
        if (c != null) {
            return c;
        }
        // Benign race: a few names past the limit may still get their own counts.
        String key = perFunction.size() < MAX_COUNTED_FUNCTIONS ? function : OTHER_FUNCTIONS;
        return perFunction.computeIfAbsent(key, f -> new FunctionCounts());
    }

    /**
     * Request counts per function name (sorted): requests, served (answered with a result), failed (failed by the
     * topology, or the server closed) and timedOut.
     */
    public Map<String, Map<String, Long>> functionCounts() {
        Map<String, Map<String, Long>> ret = new TreeMap<>();
        perFunction.forEach((f, c) -> ret.put(f, c.snapshot()));
        return ret;
    }

    /** Fails every waiting request with {@link DRPCExceptionType#SERVER_SHUTDOWN} and refuses new ones. */
    @Override
    public void close() {
        closed = true;
        for (Pending p : pending.values()) {
            p.result.completeExceptionally(new DRPCExecutionException("The DRPC server is shutting down",
                    DRPCExceptionType.SERVER_SHUTDOWN));
        }
    }
}
