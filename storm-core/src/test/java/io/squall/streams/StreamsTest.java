package io.squall.streams;

import io.squall.Config;
import io.squall.Testing;
import io.squall.streams.operations.CombinerAggregator;
import io.squall.streams.operations.mappers.PairValueMapper;
import io.squall.streams.operations.mappers.ValueMapper;
import io.squall.streams.windowing.SlidingWindows;
import io.squall.streams.windowing.TumblingWindows;
import io.squall.task.OutputCollector;
import io.squall.task.TopologyContext;
import io.squall.testing.CompleteTopologyParam;
import io.squall.testing.FeederSpout;
import io.squall.testing.MockedSources;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.topology.base.BaseRichBolt;
import io.squall.topology.base.BaseWindowedBolt.Count;
import io.squall.topology.base.BaseWindowedBolt.Duration;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every operation of the Streams API run as a topology in local mode, on simulated time, with exact results: the
 * spouts are mocked (the first stream's spout is "spout1", the second's "spout3"), and each stream ends in a
 * {@code forEach} that records what reached it.
 */
@Timeout(60)
class StreamsTest {
    static final Map<String, Queue<Object>> SEEN = new ConcurrentHashMap<>();

    static Queue<Object> seen(String name) {
        return SEEN.computeIfAbsent(name, k -> new ConcurrentLinkedQueue<>());
    }

    /** A consumer that records into {@link #SEEN} under {@code name}. */
    static <T> io.squall.streams.operations.Consumer<T> record(String name) {
        return v -> seen(name).add(v);
    }

    static FeederSpout values() {
        return new FeederSpout(new Fields("v"));
    }

    static FeederSpout pairs() {
        return new FeederSpout(new Fields("k", "v"));
    }

    static Values[] rows(Object... singles) {
        return Arrays.stream(singles).map(Values::new).toArray(Values[]::new);
    }

    static void run(StreamBuilder builder, Map<String, Values[]> data) {
        Testing.withSimulatedTimeLocalCluster(cluster -> {
            MockedSources sources = new MockedSources();
            data.forEach(sources::addMockData);
            CompleteTopologyParam p = new CompleteTopologyParam();
            p.setMockedSources(sources);
            Config conf = new Config();
            conf.setMessageTimeoutSecs(60);
            p.setStormConf(conf);
            Testing.completeTopology(cluster, builder.build(), p);
        });
    }

    static <T> List<T> sorted(Queue<?> q) {
        @SuppressWarnings("unchecked")
        List<T> l = new ArrayList<>((Queue<T>) q);
        l.sort((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        return l;
    }

    @Test
    void filterMapFlatMapAndPeekRunInOrderOnEachValue() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<Integer>(0))
                .filter(x -> x % 2 == 0)
                .peek(record("peeked"))
                .map(x -> x * 10)
                .flatMap(x -> List.of(x, x + 1))
                .forEach(record("flat"));
        run(b, Map.of("spout1", rows(1, 2, 3, 4, 5, 6)));
        assertEquals(List.of(2, 4, 6), sorted(seen("peeked")));
        assertEquals(List.of(20, 21, 40, 41, 60, 61), sorted(seen("flat")));
    }

    @Test
    void countByKeyOutsideAWindowEmitsEachKeysRunningCount() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<String>(0), 2)
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .forEach(record("running"));
        run(b, Map.of("spout1", rows("a", "b", "a", "c", "a")));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("a", 3L), Pair.of("b", 1L),
                Pair.of("c", 1L)), sorted(seen("running")));
    }

    @Test
    void countByKeyInATumblingCountWindowCountsEachWindow() {
        StreamBuilder b = new StreamBuilder();
        b.newStream(values(), new ValueMapper<String>(0))
                .window(TumblingWindows.of(Count.of(3)))
                .mapToPair(w -> Pair.of(w, 1))
                .countByKey()
                .forEach(record("windowed"));
        run(b, Map.of("spout1", rows("a", "b", "a", "a", "c", "c")));
        assertEquals(List.of(Pair.of("a", 1L), Pair.of("a", 2L), Pair.of("b", 1L), Pair.of("c", 2L)),
                sorted(seen("windowed")));
    }
}
