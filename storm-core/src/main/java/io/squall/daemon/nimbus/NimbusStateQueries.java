package io.squall.daemon.nimbus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squall.runtime.state.StateQuery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * The state queries of a cluster's dashboards, kept by the leader Nimbus until the workers answer. A query names
 * the workers that run tasks of its component; each learns it in Nimbus's answer to its next metrics report
 * ({@link #pending}), reads its own tasks' committed state and sends the answer right after ({@link #answer}). When
 * every one has answered, the query completes with their answers merged ({@link StateQuery.Answer#merge}); when one
 * has not within the query's timeout, it fails with 504, naming the workers that did not answer.
 *
 * <p>Threads: thread-safe (locks itself); called from Nimbus's HTTP threads and the timer of the timeouts. The
 * futures complete outside the lock.
 */
final class NimbusStateQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Queries waiting at once, at most: each holds a dashboard request open, so a flood of them is refused (503)
     * rather than kept.
     */
    static final int MAX_WAITING = 256;

    private static final class Query {
        final long id;
        final String topology;
        final String component;
        final String key;
        final Set<String> workers;
        final long timeoutMs;
        final Map<String, StateQuery.Answer> answers = new TreeMap<>();
        final CompletableFuture<Map<String, Object>> result = new CompletableFuture<>();

        Query(long id, String topology, String component, String key, Set<String> workers, long timeoutMs) {
            this.id = id;
            this.topology = topology;
            this.component = component;
            this.key = key;
            this.workers = workers;
            this.timeoutMs = timeoutMs;
        }
    }

    private final Map<Long, Query> waiting = new HashMap<>();
    private long nextId = 1;

    /**
     * Starts a query; the future completes with the dashboard's JSON answer, or fails with a {@link NimbusException}:
     * 404 when none of the workers' tasks has queryable state of the component, 504 after {@code timeoutMs} without
     * every worker's answer, 503 when too many queries wait already.
     *
     * @param workers the workers ({@code host:port}) that run tasks of the component; none completes it at once
     * @param timer   runs a task after a delay, for the timeout
     */
    CompletableFuture<Map<String, Object>> ask(String topology, String component, String key, Set<String> workers,
                                               long timeoutMs, TimeoutScheduler timer) {
        if (workers.isEmpty()) {
            return CompletableFuture.failedFuture(new NimbusException(404, "No worker of '" + topology + "' runs a "
                    + "task of '" + component + "' yet: it has no queryable state until the topology is assigned"));
        }
        Query q;
        synchronized (this) {
            if (waiting.size() >= MAX_WAITING) {
                return CompletableFuture.failedFuture(new NimbusException(503, waiting.size() + " state queries are "
                        + "waiting for their workers already; retry in a few seconds"));
            }
            q = new Query(nextId++, topology, component, key, Set.copyOf(workers), timeoutMs);
            waiting.put(q.id, q);
        }
        long id = q.id;
        timer.after(timeoutMs, () -> expire(id));
        return q.result;
    }

    /** Runs a task once after a delay. */
    @FunctionalInterface
    interface TimeoutScheduler {
        /** Runs {@code task} once, {@code delayMs} from now, on the scheduler's thread. */
        void after(long delayMs, Runnable task);
    }

    /**
     * The queries {@code worker} of {@code topology} has still to answer: {@code id}, {@code component} and
     * {@code key} (absent for the sizes alone) each, for the answer to its metrics report.
     */
    synchronized List<Map<String, Object>> pending(String topology, String worker) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Query q : waiting.values()) {
            if (q.topology.equals(topology) && q.workers.contains(worker) && !q.answers.containsKey(worker)) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", q.id);
                m.put("component", q.component);
                if (q.key != null) {
                    m.put("key", q.key);
                }
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Takes a worker's answers: {@code {"topology", "worker", "answers": [{"id", "sizes": {"TASK": SIZE, ...},
     * "task", "value"}]}}. Answers to queries that completed meanwhile, or from a worker a query did not ask, are
     * ignored.
     *
     * @throws NimbusException 400 if the report is malformed
     */
    void answer(JsonNode body) {
        String topology = body.path("topology").asText("");
        String worker = body.path("worker").asText("");
        if (topology.isEmpty() || worker.isEmpty() || !body.path("answers").isArray()) {
            throw new NimbusException(400, "A state answer needs 'topology', 'worker' and an 'answers' array");
        }
        List<Query> done = new ArrayList<>();
        synchronized (this) {
            for (JsonNode a : body.get("answers")) {
                Query q = waiting.get(a.path("id").asLong());
                if (q == null || !q.topology.equals(topology) || !q.workers.contains(worker)) {
                    continue;
                }
                q.answers.put(worker, parse(a));
                if (q.answers.keySet().containsAll(q.workers)) {
                    waiting.remove(q.id);
                    done.add(q);
                }
            }
        }
        for (Query q : done) {
            StateQuery.Answer merged = StateQuery.Answer.merge(q.answers.values());
            if (merged.isEmpty()) {
                q.result.completeExceptionally(new NimbusException(404, StateQuery.noQueryableState(q.topology,
                        q.component)));
            } else {
                q.result.complete(merged.json(q.component, q.key));
            }
        }
    }

    private static StateQuery.Answer parse(JsonNode a) {
        Map<Integer, Long> sizes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : a.path("sizes").properties()) {
            try {
                sizes.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
            } catch (NumberFormatException bad) {
                throw new NimbusException(400, "A state answer's sizes are by task id, got '" + e.getKey() + "'");
            }
        }
        JsonNode value = a.path("value");
        Object plain;
        try {
            plain = value.isMissingNode() || value.isNull() ? null : JSON.treeToValue(value, Object.class);
        } catch (JsonProcessingException e) {
            throw new NimbusException(400, "A state answer's value is not JSON: " + e.getOriginalMessage());
        }
        Integer task = plain != null && a.path("task").canConvertToInt() ? a.path("task").asInt() : null;
        return new StateQuery.Answer(sizes, task, plain);
    }

    /** Fails a query that is still waiting: 504, naming the workers that did not answer. */
    private void expire(long id) {
        Query q;
        synchronized (this) {
            q = waiting.remove(id);
        }
        if (q == null) {
            return;
        }
        Set<String> silent = new TreeSet<>(q.workers);
        silent.removeAll(q.answers.keySet());
        q.result.completeExceptionally(new NimbusException(504, "Worker" + (silent.size() == 1 ? " " : "s ")
                + String.join(", ", silent) + " of '" + q.topology + "' did not answer the query on the state of '"
                + q.component + "' within " + q.timeoutMs / 1000.0 + " s. A worker answers right after its next "
                + "metrics report (topology.metrics.snapshot.interval.secs): it may be restarting, overloaded or "
                + "unable to reach Nimbus. Retry in a moment; if it keeps failing, see that worker's log and its "
                + "supervisor"));
    }

    /** Queries waiting for their workers. */
    synchronized int waiting() {
        return waiting.size();
    }
}
