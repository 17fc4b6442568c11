package io.squall.trident.fluent;

import io.squall.Config;
import io.squall.testing.TopologyTestDriver;
import io.squall.trident.Stream;
import io.squall.trident.TridentTopology;
import io.squall.trident.operation.BaseFilter;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.operation.builtin.Sum;
import io.squall.trident.testing.CountAsAggregator;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's {@code trident.fluent} types, used as Storm code uses them, with the exact results of one batch. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FluentApiTest {
    private static final Fields KV = new Fields("k", "v");
    private static final Map<String, List<List<Object>>> SEEN = new ConcurrentHashMap<>();

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /** Keeps what reaches it under its name. */
    static final class Capture extends BaseFilter {
        private final String name;

        Capture(String name) {
            this.name = name;
        }

        @Override
        public boolean isKeep(TridentTuple tuple) {
            SEEN.computeIfAbsent(name, k -> new CopyOnWriteArrayList<>()).add(new ArrayList<>(tuple));
            return true;
        }
    }

    private static void capture(IAggregatableStream s, String name) {
        s.toStream().each(s.getOutputFields(), new Capture(name));
    }

    private static Stream source(TridentTopology t, String txid) {
        return t.newStream(txid, new FixedBatchSpout(KV, 6,
                List.of(row("a", 1), row("b", 5), row("a", 3), row("c", 2), row("b", 7), row("a", 4))));
    }

    private static void run(TridentTopology t) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS, 100);
        try (TopologyTestDriver d = new TopologyTestDriver(t.build(), conf)) {
            d.advance(Duration.ofMillis(1000), Duration.ofMillis(50));
        }
    }

    @Test
    void groupedStreamIsStormsAggregatableStreamAndChainsAggregationsPerGroup() {
        SEEN.clear();
        TridentTopology t = new TridentTopology();
        GroupedStream grouped = source(t, "fluent-grouped").shuffle().each(KV, new Capture("in")).parallelismHint(2)
                .groupBy(new Fields("k"));
        IAggregatableStream aggregatable = grouped;
        GlobalAggregationScheme<GroupedStream> scheme = grouped;
        assertEquals(KV, aggregatable.getOutputFields());
        assertEquals(new Fields("k"), grouped.getGroupFields());
        ChainedFullAggregatorDeclarer full = grouped.chainedAgg()
                .aggregate(new Count(), new Fields("n"))
                .aggregate(new Fields("v"), new Sum(), new Fields("sum"));
        Stream chained = full.chainEnd();
        assertEquals(new Fields("k", "n", "sum"), chained.getOutputFields());
        capture(chained, "chained");
        capture(scheme.aggPartition(grouped).partitionAggregate(new Fields("v"), new CountAsAggregator(),
                new Fields("n")), "aggPartition");
        run(t);
        assertEquals(6, SEEN.get("in").size());
        assertEquals(Set.of(row("a", 3L, 8L), row("b", 2L, 12L), row("c", 1L, 2L)),
                new HashSet<>(SEEN.get("chained")));
        assertEquals(Set.of(row("a", 3L), row("b", 2L), row("c", 1L)), new HashSet<>(SEEN.get("aggPartition")),
                "aggPartition brings each group of the batch to one task");
    }

    @Test
    void streamChainsWholeBatchAndPerPartitionAggregations() {
        SEEN.clear();
        TridentTopology t = new TridentTopology();
        Stream s = source(t, "fluent-stream");
        ChainedPartitionAggregatorDeclarer perPartition = s.chainedAgg()
                .partitionAggregate(new Count(), new Fields("n"))
                .partitionAggregate(new Fields("v"), new Sum(), new Fields("sum"));
        capture(perPartition.chainEnd(), "partition");
        IChainedAggregatorDeclarer whole = s.shuffle().each(KV, new Capture("spread")).parallelismHint(3)
                .chainedAgg().aggregate(new Count(), new Fields("n"));
        capture(whole.chainEnd(), "whole");
        run(t);
        List<List<Object>> perTask = SEEN.get("partition");
        List<List<Object>> perBatch = SEEN.get("whole");
        assertEquals(row(6L, 22L), perTask.get(0));
        assertEquals(row(6L), perBatch.get(0), "one count of the batch spread over three tasks");
        assertEquals(Set.of(row(0L, 0L)), new HashSet<>(perTask.subList(1, perTask.size())),
                "the spout's later batches are empty: each aggregation's zero");
        assertEquals(Set.of(row(0L)), new HashSet<>(perBatch.subList(1, perBatch.size())));
    }

    @Test
    void aGroupFieldTheStreamDoesNotHaveIsRefused() {
        Stream s = source(new TridentTopology(), "fluent-bad");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GroupedStream(s, new Fields("nope")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }

    @Test
    void uniqueIdGenNumbersEachKindOnItsOwn() {
        UniqueIdGen ids = new UniqueIdGen();
        assertEquals("s1", ids.getUniqueStreamId());
        assertEquals("s2", ids.getUniqueStreamId());
        assertEquals("state1", ids.getUniqueStateId());
        assertEquals("w1", ids.getUniqueWindowId());
        assertEquals("state2", ids.getUniqueStateId());
        assertEquals("s3", ids.getUniqueStreamId());
    }
}
