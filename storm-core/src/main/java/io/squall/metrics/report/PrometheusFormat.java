package io.squall.metrics.report;

import com.codahale.metrics.Counting;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metered;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Sampling;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import io.squall.metrics.TaggedRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes registries in the Prometheus text exposition format (version 0.0.4). Tagged metrics become
 * labels ({@code squall_component_emitted_total{topology="wc",component="split"}}); other names are sanitised.
 * Cumulative counts (the built-in {@link io.squall.metrics.CumulativeCount}s and Dropwizard counters) are
 * typed {@code counter} and named with {@code _total}, as the format expects, so {@code rate()} applies;
 * gauges give one sample; meters their count ({@code _total}) and one-minute rate; histograms and timers a
 * summary (quantiles 0.5, 0.99, 0.999, with {@code _count}; timers in seconds). Non-numeric gauges are
 * left out.
 */
public final class PrometheusFormat {
    /** The content type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] QUANTILES = {0.5, 0.99, 0.999};

    private PrometheusFormat() {
    }

    /** The text for the registries of several topologies, by topology name. */
    public static String write(Map<String, TaggedRegistry> byTopology) {
        Map<String, StringBuilder> families = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        byTopology.forEach((topology, registry) -> {
            for (Map.Entry<String, Metric> e : new TreeMap<>(registry.registry().getMetrics()).entrySet()) {
                TaggedRegistry.Tagged tagged = registry.tagsOf(e.getKey());
                Map<String, String> labels = new LinkedHashMap<>();
                labels.put("topology", topology);
                String base;
                if (tagged != null) {
                    labels.putAll(tagged.tags());
                    base = tagged.base();
                } else {
                    base = e.getKey();
                }
                write(families, types, "squall_" + sanitize(base), labels, e.getValue());
            }
        });
        return text(families, types);
    }

    /**
     * The text for one registry whose names carry no tags (a daemon's: {@code summary.cluster:num-supervisors}
     * becomes {@code summary_cluster_num_supervisors}), without a prefix or labels.
     */
    public static String write(MetricRegistry registry) {
        Map<String, StringBuilder> families = new TreeMap<>();
        Map<String, String> types = new TreeMap<>();
        for (Map.Entry<String, Metric> e : new TreeMap<>(registry.getMetrics()).entrySet()) {
            write(families, types, sanitize(e.getKey()), Map.of(), e.getValue());
        }
        return text(families, types);
    }

    private static String text(Map<String, StringBuilder> families, Map<String, String> types) {
        StringBuilder out = new StringBuilder();
        families.forEach((name, samples) -> {
            out.append("# TYPE ").append(name).append(' ').append(types.get(name)).append('\n');
            out.append(samples);
        });
        return out.toString();
    }

    private static void write(Map<String, StringBuilder> families, Map<String, String> types, String name,
                              Map<String, String> labels, Metric m) {
        if (m instanceof Gauge<?> && m instanceof Counting c) {
            sample(families, types, name + "_total", "counter", name + "_total", labels, c.getCount());
        } else if (m instanceof Gauge<?> g) {
            Object v = g.getValue();
            if (v instanceof Number n) {
                sample(families, types, name, "gauge", name, labels, n.doubleValue());
            } else if (v instanceof Boolean b) {
                sample(families, types, name, "gauge", name, labels, b ? 1 : 0);
            }
        } else if (m instanceof Sampling s) {
            double scale = m instanceof Timer ? 1e-9 : 1;
            String family = m instanceof Timer ? name + "_seconds" : name;
            Snapshot snap = s.getSnapshot();
            for (double q : QUANTILES) {
                Map<String, String> ql = new LinkedHashMap<>(labels);
                ql.put("quantile", String.valueOf(q));
                sample(families, types, family, "summary", family, ql, snap.getValue(q) * scale);
            }
            sample(families, types, family, "summary", family + "_count", labels, ((Counting) m).getCount());
        } else if (m instanceof Metered mt) {
            sample(families, types, name + "_total", "counter", name + "_total", labels, mt.getCount());
            sample(families, types, name + "_m1_rate", "gauge", name + "_m1_rate", labels, mt.getOneMinuteRate());
        } else if (m instanceof Counting c) {
            sample(families, types, name + "_total", "counter", name + "_total", labels, c.getCount());
        }
    }

    private static void sample(Map<String, StringBuilder> families, Map<String, String> types, String family,
                               String type, String name, Map<String, String> labels, double value) {
        types.putIfAbsent(family, type);
        StringBuilder b = families.computeIfAbsent(family, k -> new StringBuilder());
        b.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            b.append(sanitize(l.getKey())).append("=\"").append(escape(l.getValue())).append('"');
        }
        b.append("} ").append(format(value)).append('\n');
    }

    private static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** A metric or label name: letters, digits and underscores, not starting with a digit. */
    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    private static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
