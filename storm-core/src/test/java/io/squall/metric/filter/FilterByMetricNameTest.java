package io.squall.metric.filter;

import io.squall.metric.api.IMetricsConsumer.DataPoint;
import io.squall.metric.api.IStatefulObject;
import io.squall.metric.api.StateMetric;
import io.squall.metric.util.DataPointExpander;
import io.squall.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's metrics consumer filters and map expansion, and the state metric. */
class FilterByMetricNameTest {
    private static List<String> passed(MetricsFilter f, String... names) {
        return Stream.of(names).filter(n -> f.apply(new DataPoint(n, 1))).toList();
    }

    @Test
    void aWhitelistPassesWhatAPatternFindsABlacklistWhatNoneFindsNeitherEverything() {
        MetricsFilter white = new FilterByMetricName(List.of("^__", "latency"), null);
        assertEquals(List.of("__ack-count", "execute-latency"), passed(white, "__ack-count", "execute-latency", "ok"));
        assertEquals(List.of("__ack-count", "execute-latency"), passed(white, "__ack-count", "execute-latency", "ok"),
                "the same answers once kept");
        MetricsFilter black = new FilterByMetricName(List.of(), List.of("^__"));
        assertEquals(List.of("ok"), passed(black, "__ack-count", "ok"));
        assertEquals(List.of("a", "b"), passed(new FilterByMetricName(null, null), "a", "b"));
        assertTrue(white.test(new DataPoint("__x", 1)), "a Predicate too");
    }

    @Test
    void aFilterSurvivesSerializationAsWorkersShipIt() {
        FilterByMetricName copy = Utils.copy(new FilterByMetricName(List.of("kept"), null));
        assertTrue(copy.apply(new DataPoint("kept-count", 1)));
        assertFalse(copy.apply(new DataPoint("other", 1)));
    }

    @Test
    void mapValuesAreExpandedIntoOnePointPerEntryAndOthersPass() {
        DataPointExpander on = new DataPointExpander(true, ".");
        DataPoint heap = new DataPoint("memory/heap", Map.of("usedBytes", 5L), Map.of("pool", "young"));
        List<DataPoint> out = List.copyOf(on.expandDataPoints(List.of(heap, new DataPoint("count", 3),
                new DataPoint("none", null))));
        assertEquals(2, out.size(), "the null value dropped");
        assertEquals("memory/heap.usedBytes", out.get(0).name);
        assertEquals(5L, out.get(0).value);
        assertEquals(Map.of("pool", "young"), out.get(0).dimensions);
        assertEquals("count", out.get(1).name);
        assertEquals(List.of(heap), List.copyOf(new DataPointExpander(false, ".").expandDataPoints(List.of(heap))));
    }

    @Test
    void aStateMetricReportsTheObjectsStateEachTime() {
        int[] state = {1};
        IStatefulObject obj = () -> state[0];
        StateMetric m = new StateMetric(obj);
        assertEquals(1, m.getValueAndReset());
        state[0] = 2;
        assertEquals(2, m.getValueAndReset());
    }
}
