package io.squall.trident;

import io.squall.Await;
import io.squall.LocalCluster;
import io.squall.trident.coordinator.InMemoryCoordinatorStore;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.spout.LogFileSpout;
import io.squall.trident.state.StateFactory;
import io.squall.trident.state.StateType;
import io.squall.trident.state.map.RocksDbMapState;
import io.squall.trident.testing.FixedOpaqueSpout;
import io.squall.trident.testing.FixedTransactionalSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Word count with failures injected at random while batches are processed and right after the state is
 * updated: with a transactional or opaque spout and a matching state, the counts are exact; with a
 * non-transactional state the replayed commits count twice.
 */
@Timeout(120)
class ExactlyOnceIT {
    private static final Fields SENTENCE = new Fields("sentence");
    private static final String[] VOCABULARY = {"apple", "pear", "plum", "fig", "kiwi", "lime", "date", "yuzu"};

    /** Two partitions of sentences, and the true count of every word. */
    private record Corpus(List<List<List<Object>>> partitions, Map<List<Object>, Long> counts, long words) {
    }

    private static Corpus corpus(int sentencesPerPartition, long seed) {
        Random random = new Random(seed);
        List<List<List<Object>>> partitions = new ArrayList<>();
        Map<List<Object>, Long> counts = new HashMap<>();
        long words = 0;
        for (int p = 0; p < 2; p++) {
            List<List<Object>> sentences = new ArrayList<>();
            for (int i = 0; i < sentencesPerPartition; i++) {
                StringBuilder s = new StringBuilder();
                for (int w = 0; w < 1 + random.nextInt(6); w++) {
                    String word = VOCABULARY[random.nextInt(VOCABULARY.length)];
                    s.append(word).append(' ');
                    counts.merge(List.of(word), 1L, Long::sum);
                    words++;
                }
                sentences.add(new Values(s.toString().trim()));
            }
            partitions.add(sentences);
        }
        return new Corpus(partitions, counts, words);
    }

    /** Spout, split, random failures, counts per word, and failures after the update (in the commit phase). */
    private static TridentTopology wordCount(String txId, Object spout, StateFactory state, double failure,
                                             Set<Long> failAfterCommit) {
        TridentTopology t = new TridentTopology();
        Stream sentences = spout instanceof FixedTransactionalSpout s ? t.newStream(txId, s)
                : spout instanceof LogFileSpout l ? t.newStream(txId, l) : t.newStream(txId, (FixedOpaqueSpout) spout);
        sentences.each(new Fields(sentences.getOutputFields().get(0)), new Ops.Split(), new Fields("word"))
                .partitionAggregate(new Fields("word"), new Failer(txId + "-processing", failure, Set.of()),
                        new Fields("w"))
                .groupBy(new Fields("w"))
                .persistentAggregate(state, new Count(), new Fields("count"))
                .parallelismHint(2)
                .newValuesStream()
                .partitionAggregate(new Fields("w", "count"),
                        new Failer(txId + "-commit", failure, failAfterCommit), new Fields("w2", "c2"));
        return t;
    }

    private static long committed(String txId) {
        try (InMemoryCoordinatorStore s = new InMemoryCoordinatorStore(txId)) {
            return s.committedTxid();
        }
    }

    /** Waits until the counts equal the truth and three more batches have committed, then checks them again. */
    private static void awaitExact(String txId, Supplier<Map<List<Object>, Object>> counts,
                                   Map<List<Object>, Long> truth) {
        Await.until(Duration.ofSeconds(90), () -> {
            Map<List<Object>, Object> now = counts.get();
            now.forEach((word, n) -> assertTrue((Long) n <= truth.get(word), "over-counted " + word + ": " + now));
            return truth.equals(now);
        }, () -> "counts " + counts.get() + " to equal " + truth);
        long now = committed(txId);
        Await.until(Duration.ofSeconds(30), () -> committed(txId) >= now + 3, () -> "three more batches");
        assertEquals(truth, counts.get());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<Map<List<Object>, Object>> snapshot(MemoryMapState.Factory f) {
        return () -> (Map) f.snapshot();
    }

    @Test
    void transactionalSpoutIntoTransactionalStateCountsExactlyDespiteFailures() {
        Corpus c = corpus(60, 1);
        String txId = "eo-tx-tx-" + UUID.randomUUID();
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.TRANSACTIONAL);
        TridentTopology t = wordCount(txId, new FixedTransactionalSpout(SENTENCE, 5, c.partitions()), counts, 0.2,
                Set.of(2L, 3L));
        Run.run(t, () -> awaitExact(txId, snapshot(counts), c.counts()));
        assertTrue(Failer.seen(txId + "-commit").stream().anyMatch(a -> a.getAttemptId() > 0), "commits retried");
        assertTrue(t.getGuaranteeWarnings().isEmpty(), t.getGuaranteeWarnings().toString());
    }

    @Test
    void transactionalSpoutIntoOpaqueStateCountsExactlyDespiteFailures() {
        Corpus c = corpus(60, 2);
        String txId = "eo-tx-op-" + UUID.randomUUID();
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.OPAQUE);
        TridentTopology t = wordCount(txId, new FixedTransactionalSpout(SENTENCE, 5, c.partitions()), counts, 0.2,
                Set.of(2L));
        Run.run(t, () -> awaitExact(txId, snapshot(counts), c.counts()));
    }

    @Test
    void opaqueSpoutIntoOpaqueStateCountsExactlyWhileRetriedBatchesChange() {
        Corpus c = corpus(60, 3);
        String txId = "eo-op-op-" + UUID.randomUUID();
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.OPAQUE);
        TridentTopology t = wordCount(txId, new FixedOpaqueSpout(SENTENCE, 5, c.partitions()), counts, 0.2,
                Set.of(2L, 3L));
        Run.run(t, () -> awaitExact(txId, snapshot(counts), c.counts()));
        assertTrue(t.getGuaranteeWarnings().isEmpty(), t.getGuaranteeWarnings().toString());
    }

    @Test
    void nonTransactionalStateCountsReplayedCommitsTwice() {
        Corpus c = corpus(30, 4);
        String txId = "eo-nt-" + UUID.randomUUID();
        MemoryMapState.Factory counts = new MemoryMapState.Factory(StateType.NON_TRANSACTIONAL);
        TridentTopology t = wordCount(txId, new FixedTransactionalSpout(SENTENCE, 5, c.partitions()), counts, 0.0,
                Set.of(2L, 4L));
        long batches = 30 / 5;
        Run.run(t, () -> Await.until(Duration.ofSeconds(60), () -> committed(txId) >= batches + 2,
                () -> "every batch committed, at " + committed(txId)));
        long counted = counts.snapshot().values().stream().mapToLong(v -> (Long) v).sum();
        assertTrue(counted > c.words(), "the commits of batches 2 and 4 were applied twice: counted " + counted
                + " words of " + c.words());
        c.counts().forEach((word, n) -> assertTrue((Long) counts.get(word) >= n, "never under-counts " + word));
    }

    @Test
    void restartedTopologyWithDurableStateCountsExactly(@TempDir Path dir) throws IOException {
        Corpus c = corpus(80, 5);
        String txId = "eo-restart-" + UUID.randomUUID();
        String db = dir.resolve("counts").toString();
        List<String> files = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            Path f = dir.resolve("log-" + p + ".txt");
            StringBuilder text = new StringBuilder();
            c.partitions().get(p).forEach(s -> text.append(s.get(0)).append('\n'));
            Files.writeString(f, text.toString(), StandardCharsets.UTF_8);
            files.add(f.toString());
        }
        Supplier<Map<List<Object>, Object>> counts = () -> read(db, StateType.TRANSACTIONAL, c.counts().keySet());
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("first", Run.conf(), wordCount(txId, new LogFileSpout(files, 4),
                    new RocksDbMapState.Factory(db, StateType.TRANSACTIONAL), 0.1, Set.of()).build());
            Await.until(Duration.ofSeconds(30), () -> committed(txId) >= 5, () -> "five batches committed");
            cluster.killTopology("first");
        }
        assertTrue(committed(txId) < 20, "killed mid-run, at txid " + committed(txId));
        try (LocalCluster cluster = new LocalCluster()) {
            cluster.submitTopology("second", Run.conf(), wordCount(txId, new LogFileSpout(files, 4),
                    new RocksDbMapState.Factory(db, StateType.TRANSACTIONAL), 0.1, Set.of()).build());
            awaitExact(txId, counts, c.counts());
        }
    }

    @Test
    void durableCountsContinueAfterAStopAndRestart(@TempDir Path dir) throws IOException {
        String txId = "eo-continue-" + UUID.randomUUID();
        String db = dir.resolve("counts").toString();
        Path log = dir.resolve("log.txt");
        Files.writeString(log, "fig fig\nlime\n", StandardCharsets.UTF_8);
        Set<List<Object>> words = Set.of(List.of("fig"), List.of("lime"));
        for (String run : List.of("before", "after")) {
            try (LocalCluster cluster = new LocalCluster()) {
                cluster.submitTopology(run, Run.conf(), wordCount(txId, new LogFileSpout(List.of(log.toString()), 4),
                        new RocksDbMapState.Factory(db, StateType.OPAQUE), 0.0, Set.of()).build());
                Map<List<Object>, Long> expected = run.equals("before")
                        ? Map.of(List.of("fig"), 2L, List.of("lime"), 1L)
                        : Map.of(List.of("fig"), 3L, List.of("lime"), 3L);
                awaitExact(txId, () -> read(db, StateType.OPAQUE, words), expected);
            }
            Files.writeString(log, "lime fig lime\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private static Map<List<Object>, Object> read(String db, StateType type, Set<List<Object>> keys) {
        Map<List<Object>, Object> ret = new HashMap<>();
        try (RocksDbMapState s = RocksDbMapState.open(Path.of(db))) {
            List<List<Object>> k = new ArrayList<>(keys);
            List<Object> vals = s.multiGet(k);
            for (int i = 0; i < k.size(); i++) {
                Object v = io.squall.trident.state.map.MapStates.unwrap(type, vals.get(i));
                if (v != null) {
                    ret.put(k.get(i), v);
                }
            }
        }
        return ret;
    }
}
