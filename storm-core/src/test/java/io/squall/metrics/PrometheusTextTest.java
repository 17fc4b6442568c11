package io.squall.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.UniformReservoir;
import io.squall.metrics.report.PrometheusFormat;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

public class PrometheusTextTest {
    private static final Pattern TYPE = Pattern.compile("# TYPE [a-zA-Z_:][a-zA-Z0-9_:]* (counter|gauge|summary)");
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*"
            + "(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"(\\\\.|[^\"\\\\])*\")*})?"
            + " (NaN|[+-]Inf|-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?)");

    /** Checks every line against the text format's grammar, and that each family is typed once before its samples. */
    public static void assertParses(String text) {
        Map<String, Boolean> typed = new HashMap<>();
        String family = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                assertTrue(TYPE.matcher(line).matches(), "bad TYPE line: " + line);
                family = line.split(" ")[2];
                assertTrue(typed.put(family, true) == null, "family typed twice: " + family);
            } else if (!SAMPLE.matcher(line).matches()) {
                fail("bad sample line: " + line);
            } else if (family == null || !line.startsWith(family)) {
                fail("sample outside its family " + family + ": " + line);
            }
        }
    }

    @Test
    void typesCumulativeCountsAsCountersNamedTotal() {
        TaggedRegistry r = new TaggedRegistry();
        r.register("component", "acked", new CumulativeCount(() -> 7L), "component", "count");
        r.register("user", "parsed", new Counter(), "component", "split", "task", "2").inc(3);
        r.register("executor", "receive-queue.population", (Gauge<Long>) () -> 5L, "executor", "count[3]");
        String text = PrometheusFormat.write(Map.of("wc", r));
        assertParses(text);
        assertTrue(text.contains("# TYPE squall_component_acked_total counter\n"
                + "squall_component_acked_total{topology=\"wc\",component=\"count\"} 7\n"), text);
        assertTrue(text.contains("# TYPE squall_user_parsed_total counter\n"), text);
        assertTrue(text.contains("squall_user_parsed_total{topology=\"wc\",component=\"split\",task=\"2\"} 3\n"), text);
        assertTrue(text.contains("# TYPE squall_executor_receive_queue_population gauge\n"), text);
        assertFalse(text.contains("squall_component_acked{"), text);
    }

    @Test
    void writesTaggedMetricsAsLabelsAndEscapesValues() {
        TaggedRegistry r = new TaggedRegistry();
        r.register("component", "emitted", new CumulativeCount(() -> 42L), "component", "split\"x");
        Histogram h = r.register("user", "sizes", new Histogram(new UniformReservoir()), "component", "c", "task", "3");
        h.update(5);
        r.registry().register("jvm.memory.heap.used", (Gauge<Long>) () -> 1024L);
        r.registry().register("worker.name", (Gauge<String>) () -> "not a number");
        String text = PrometheusFormat.write(Map.of("wc", r));
        assertParses(text);
        assertTrue(text.contains("squall_component_emitted_total{topology=\"wc\",component=\"split\\\"x\"} 42\n"), text);
        assertTrue(text.contains("squall_user_sizes{topology=\"wc\",component=\"c\",task=\"3\",quantile=\"0.5\"} 5\n"), text);
        assertTrue(text.contains("squall_user_sizes_count{topology=\"wc\",component=\"c\",task=\"3\"} 1\n"), text);
        assertTrue(text.contains("squall_jvm_memory_heap_used{topology=\"wc\"} 1024\n"), text);
        assertEquals(-1, text.indexOf("not a number"));
    }
}
