package io.squall.daemon.nimbus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nimbus's state queries: asked of the workers in their report answers, merged, and timed out with 504. */
class NimbusStateQueriesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The timeouts scheduled, run by hand: the test decides when a query's time is up. */
    private final List<Runnable> timeouts = new ArrayList<>();
    private final NimbusStateQueries.TimeoutScheduler timer = (delayMs, task) -> timeouts.add(task);
    private final NimbusStateQueries queries = new NimbusStateQueries();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void answersAKeyOnceEveryWorkerOfTheComponentHasAnswered() throws Exception {
        CompletableFuture<Map<String, Object>> q = queries.ask("wc", "count", "apple", Set.of("h:1", "h:2"), 8000,
                timer);
        List<Map<String, Object>> toFirst = queries.pending("wc", "h:1");
        assertEquals(1, toFirst.size());
        assertEquals("count", toFirst.get(0).get("component"));
        assertEquals("apple", toFirst.get(0).get("key"));
        assertEquals(List.of(), queries.pending("other", "h:1"), "another topology's workers are not asked");
        assertEquals(List.of(), queries.pending("wc", "h:3"), "nor a worker without tasks of the component");
        long id = ((Number) toFirst.get(0).get("id")).longValue();

        queries.answer(json("{'topology': 'wc', 'worker': 'h:1', 'answers': [{'id': " + id
                + ", 'sizes': {'3': 5, '4': 6}}]}"));
        assertFalse(q.isDone(), "one worker still to answer");
        assertEquals(List.of(), queries.pending("wc", "h:1"), "a worker that answered is not asked again");
        queries.answer(json("{'topology': 'wc', 'worker': 'h:2', 'answers': [{'id': " + id
                + ", 'sizes': {'5': 7, '6': 8}, 'task': 6, 'value': 278}]}"));

        Map<String, Object> answer = q.get();
        assertEquals(Map.of("component", "count", "key", "apple", "value", 278, "task", 6), answer);
        assertEquals(0, queries.waiting());
    }

    @Test
    void answersEachTasksSizeWithoutAKeyAndNullForAKeyNoTaskHolds() throws Exception {
        CompletableFuture<Map<String, Object>> sizes = queries.ask("wc", "count", null, Set.of("h:1", "h:2"), 8000,
                timer);
        CompletableFuture<Map<String, Object>> absent = queries.ask("wc", "count", "zebra", Set.of("h:1"), 8000,
                timer);
        List<Map<String, Object>> asked = queries.pending("wc", "h:1");
        assertEquals(2, asked.size());
        assertFalse(asked.get(0).containsKey("key"), "a size query names no key: " + asked);
        long sizesId = ((Number) asked.get(0).get("id")).longValue();
        long absentId = ((Number) asked.get(1).get("id")).longValue();
        queries.answer(json("{'topology': 'wc', 'worker': 'h:1', 'answers': [{'id': " + sizesId
                + ", 'sizes': {'4': 6, '3': 5}}, {'id': " + absentId + ", 'sizes': {'4': 6, '3': 5}}]}"));
        queries.answer(json("{'topology': 'wc', 'worker': 'h:2', 'answers': [{'id': " + sizesId
                + ", 'sizes': {'5': 7}}]}"));

        assertEquals(List.of(Map.of("task", 3, "size", 5L), Map.of("task", 4, "size", 6L),
                Map.of("task", 5, "size", 7L)), sizes.get().get("tasks"));
        assertTrue(absent.get().containsKey("value") && absent.get().get("value") == null, absent.get()::toString);
        assertFalse(absent.get().containsKey("task"));
    }

    @Test
    void aWorkerThatDoesNotAnswerInTimeFailsTheQueryWith504NamingIt() throws Exception {
        CompletableFuture<Map<String, Object>> q = queries.ask("wc", "count", "apple", Set.of("h:1", "h:2"), 8000,
                timer);
        long id = ((Number) queries.pending("wc", "h:1").get(0).get("id")).longValue();
        queries.answer(json("{'topology': 'wc', 'worker': 'h:1', 'answers': [{'id': " + id + ", 'sizes': {'3': 5}}]}"));
        assertEquals(1, timeouts.size());
        timeouts.get(0).run();

        NimbusException e = assertInstanceOf(NimbusException.class,
                assertThrows(ExecutionException.class, q::get).getCause());
        assertEquals(504, e.status());
        assertTrue(e.getMessage().contains("Worker h:2 of 'wc' did not answer") && e.getMessage().contains("8.0 s")
                && e.getMessage().contains("Retry"), e.getMessage());
        assertEquals(List.of(), queries.pending("wc", "h:2"), "a timed-out query is no longer asked");
        queries.answer(json("{'topology': 'wc', 'worker': 'h:2', 'answers': [{'id': " + id + ", 'sizes': {}}]}"));
    }

    @Test
    void aComponentWithoutQueryableStateOrWorkersIs404AndAFloodOfQueries503() throws Exception {
        CompletableFuture<Map<String, Object>> split = queries.ask("wc", "split", "apple", Set.of("h:1"), 8000, timer);
        long id = ((Number) queries.pending("wc", "h:1").get(0).get("id")).longValue();
        queries.answer(json("{'topology': 'wc', 'worker': 'h:1', 'answers': [{'id': " + id + ", 'sizes': {}}]}"));
        NimbusException none = assertInstanceOf(NimbusException.class,
                assertThrows(ExecutionException.class, split::get).getCause());
        assertEquals(404, none.status());
        assertTrue(none.getMessage().contains("has no queryable state"), none.getMessage());

        NimbusException unassigned = assertInstanceOf(NimbusException.class, assertThrows(ExecutionException.class,
                () -> queries.ask("wc", "count", null, Set.of(), 8000, timer).get()).getCause());
        assertEquals(404, unassigned.status());

        for (int i = 0; i < NimbusStateQueries.MAX_WAITING; i++) {
            queries.ask("wc", "count", "k" + i, Set.of("h:1"), 8000, timer);
        }
        NimbusException flood = assertInstanceOf(NimbusException.class, assertThrows(ExecutionException.class,
                () -> queries.ask("wc", "count", "more", Set.of("h:1"), 8000, timer).get()).getCause());
        assertEquals(503, flood.status());
        timeouts.forEach(Runnable::run);
        assertEquals(0, queries.waiting(), "every query timed out");
    }

    @Test
    void ignoresAnswersFromWorkersItDidNotAskAndRefusesMalformedOnes() throws Exception {
        CompletableFuture<Map<String, Object>> q = queries.ask("wc", "count", "apple", Set.of("h:1"), 8000, timer);
        long id = ((Number) queries.pending("wc", "h:1").get(0).get("id")).longValue();
        queries.answer(json("{'topology': 'wc', 'worker': 'h:9', 'answers': [{'id': " + id
                + ", 'sizes': {'1': 1}, 'task': 1, 'value': 1}]}"));
        queries.answer(json("{'topology': 'other', 'worker': 'h:1', 'answers': [{'id': " + id
                + ", 'sizes': {'1': 1}, 'task': 1, 'value': 1}]}"));
        assertFalse(q.isDone());
        assertEquals(400, assertThrows(NimbusException.class, () -> queries.answer(json("{'topology': 'wc'}")))
                .status());
        assertEquals(400, assertThrows(NimbusException.class, () -> queries.answer(json("{'topology': 'wc', "
                + "'worker': 'h:1', 'answers': [{'id': " + id + ", 'sizes': {'x': 1}}]}"))).status());
    }
}
