package io.squall.flux;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.flux.model.ExecutionContext;
import io.squall.flux.model.TopologyDef;
import io.squall.flux.parser.FluxParser;
import io.squall.flux.test.Recorder;
import io.squall.topology.StormTopology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Flux YAML run as real topologies in one local cluster: word counts (plain and stateful), count windows, a
 * multilang splitter, topology sources and Trident. The YAML files are this module's own test fixtures; Storm's
 * flux-examples files can be run by hand the same way (see the README's Flux section).
 */
@Timeout(120)
class FluxLocalIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> TEST_WORDS = Set.of("nathan", "mike", "jackson", "golda", "bertels");
    private static LocalCluster cluster;

    @BeforeAll
    static void start() {
        cluster = new LocalCluster();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    /** Parses and builds {@code resource} as Flux's command line does, and runs it. */
    private static String run(String resource) throws Exception {
        TopologyDef def = FluxParser.parseResource("/configs/" + resource, false, true, null, false);
        StormTopology topology = FluxBuilder.buildTopology(new ExecutionContext(def, FluxBuilder.buildConfig(def)));
        cluster.submitTopology(def.getName(), FluxBuilder.buildConfig(def), topology);
        return def.getName();
    }

    private static void kill(String name) {
        assertNull(cluster.getTopologyFailure(name));
        cluster.killTopology(name);
    }

    /** Checks that the (word, count) records count each word 1, 2, ... n, each once: an exact count per word. */
    private static void assertCountsEachWordOnceInOrder(List<List<Object>> records) {
        Map<Object, List<Long>> byWord = new HashMap<>();
        for (List<Object> r : records) {
            byWord.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(((Number) r.get(1)).longValue());
        }
        byWord.forEach((word, counts) -> {
            assertTrue(TEST_WORDS.contains(word), "unexpected word " + word);
            List<Long> expected = IntStream.rangeClosed(1, counts.size()).mapToObj(i -> (long) i).toList();
            assertEquals(expected, counts.stream().sorted().toList(), "counts of " + word);
        });
    }

    @Test
    void runsAWordCountYamlWithExactCounts() throws Exception {
        String name = run("wordcount_recorded.yaml");
        Await.until(WAIT, () -> Recorder.get("wordcount").size() >= 20, () -> "20 counts, got "
                + Recorder.get("wordcount"));
        kill(name);
        assertCountsEachWordOnceInOrder(Recorder.get("wordcount"));
    }

    @Test
    void runsAStatefulWordCountYaml() throws Exception {
        String name = run("stateful_recorded.yaml");
        Await.until(WAIT, () -> Recorder.get("stateful").size() >= 20, () -> "20 stateful counts, got "
                + Recorder.get("stateful"));
        kill(name);
        assertCountsEachWordOnceInOrder(Recorder.get("stateful"));
    }

    @Test
    void runsAWindowingYamlWithCountWindowsOfSixEveryFour() throws Exception {
        String name = run("count_windows.yaml");
        Await.until(WAIT, () -> Recorder.get("printed").size() >= 4, () -> "4 windows, got "
                + Recorder.get("printed"));
        kill(name);
        List<List<Object>> windows = Recorder.get("printed");
        assertEquals(List.of(4), windows.get(0), "the first window holds the first 4 tuples: " + windows);
        for (List<Object> w : windows.subList(1, windows.size())) {
            assertEquals(List.of(6), w, "every later window holds the last 6 tuples: " + windows);
        }
    }

    @Test
    void runsAPythonSplitterThroughFluxShellBolt() throws Exception {
        String name = run("multilang_recorded.yaml");
        Map<String, Long> expected = Map.of("the", 4L, "cow", 1L, "jumped", 1L, "over", 1L, "moon", 1L,
                "man", 1L, "went", 1L, "to", 1L, "store", 1L);
        Await.until(Duration.ofSeconds(90), () -> maxCounts(Recorder.get("multilang")).equals(expected),
                () -> "counts " + expected + ", got " + maxCounts(Recorder.get("multilang")));
        kill(name);
        assertEquals(12, Recorder.get("multilang").size(), "each word counted once: " + Recorder.get("multilang"));
    }

    @Test
    void runsATopologySource() throws Exception {
        String name = run("source_interface.yaml");
        Await.until(WAIT, () -> Recorder.get("source").size() >= 10, () -> "10 words from the topology source");
        kill(name);
        Set<Object> words = Recorder.get("source").stream().map(r -> r.get(0)).collect(Collectors.toSet());
        assertTrue(TEST_WORDS.containsAll(words), words.toString());
    }

    @Test
    void runsATridentTopologyFromATopologySource() throws Exception {
        String name = run("source_trident.yaml");
        Map<String, Long> expected = new HashMap<>();
        for (String w : "the cow jumped over the moon the man went to the store four score and seven years ago"
                .split(" ")) {
            expected.merge(w, 1L, Long::sum);
        }
        Await.until(WAIT, () -> maxCounts(Recorder.get("trident")).equals(expected),
                () -> "Trident counts " + expected + ", got " + maxCounts(Recorder.get("trident")));
        kill(name);
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(maxCounts(Recorder.get("trident")).keySet()));
    }

    private static Map<String, Long> maxCounts(List<List<Object>> records) {
        Map<String, Long> max = new HashMap<>();
        for (List<Object> r : records) {
            max.merge((String) r.get(0), ((Number) r.get(1)).longValue(), Math::max);
        }
        return max;
    }
}
