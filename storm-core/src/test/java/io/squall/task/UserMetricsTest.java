package io.squall.task;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Timer;
import io.squall.metrics.TaggedRegistry;
import io.squall.testing.TestWordSpout;
import io.squall.topology.TopologyBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserMetricsTest {
    private final TaggedRegistry registry = new TaggedRegistry();
    private final TopologyContext context = context(7);

    private TopologyContext context(int task) {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        WorkerTopologyContext worker = new WorkerTopologyContext(b.createTopology(), Map.of(), Map.of(task, "words"),
                "t-1", 0, List.of(task));
        return new TopologyContext(worker, task, registry);
    }

    @Test
    void registersEachKindUnderTheTasksNameWithTags() {
        Counter c = context.registerCounter("parsed");
        Meter m = context.registerMeter("arrivals");
        Timer t = context.registerTimer("lookup");
        Histogram h = context.registerHistogram("sizes");
        Gauge<Integer> g = context.registerGauge("cache", () -> 3);
        c.inc(2);
        m.mark();
        t.update(Duration.ofMillis(5));
        h.update(10);
        var metrics = registry.registry().getMetrics();
        assertSame(c, metrics.get("user.words.7.parsed"));
        assertSame(m, metrics.get("user.words.7.arrivals"));
        assertSame(t, metrics.get("user.words.7.lookup"));
        assertSame(h, metrics.get("user.words.7.sizes"));
        assertSame(g, metrics.get("user.words.7.cache"));
        assertEquals(new TaggedRegistry.Tagged("user.parsed", Map.of("component", "words", "task", "7")),
                registry.tagsOf("user.words.7.parsed"));
        assertEquals(2, c.getCount());
    }

    @Test
    void registeringAgainReturnsTheSameMetricAndAnotherKindIsAnError() {
        assertSame(context.registerCounter("n"), context.registerCounter("n"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> context.registerMeter("n"));
        assertTrue(e.getMessage().contains("user.words.7.n") && e.getMessage().contains("Counter"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> context.registerCounter(" "));
        assertThrows(IllegalArgumentException.class, () -> context.registerGauge("g", null));
    }

    @Test
    void aMetricSetsMetricsAreRegisteredUnderThePrefixAsStormNamesThem() {
        Counter hits = new Counter();
        Gauge<Long> size = () -> 12L;
        MetricSet cache = () -> Map.<String, Metric>of("hits", hits, "size", size,
                "evictions", (MetricSet) () -> Map.of("count", new Counter()));
        context.registerMetricSet("cache", cache);
        var metrics = registry.registry().getMetrics();
        assertSame(hits, metrics.get("user.words.7.cache.hits"));
        assertSame(size, metrics.get("user.words.7.cache.size"));
        assertTrue(metrics.get("user.words.7.cache.evictions.count") instanceof Counter, metrics.keySet().toString());
        assertEquals(new TaggedRegistry.Tagged("user.cache.hits", Map.of("component", "words", "task", "7")),
                registry.tagsOf("user.words.7.cache.hits"));
        assertThrows(IllegalArgumentException.class, () -> context.registerMetricSet("", cache));
        assertThrows(IllegalArgumentException.class, () -> context.registerMetricSet("none", null));
    }
}
