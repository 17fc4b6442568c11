package io.squall.metric.filter;

import io.squall.metric.api.IMetricsConsumer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Storm's filter of a metrics consumer registration's {@code whitelist} or {@code blacklist}: regular expressions
 * found anywhere in a data point's name. With a whitelist only the names one of them matches pass; with a blacklist
 * only those none matches; with neither every data point. Both at once are refused. The answer per name is kept
 * (names are few).
 */
public class FilterByMetricName implements MetricsFilter {
    private static final long serialVersionUID = 1L;
    /** Answers kept; past this many names the later ones are computed each time. */
    private static final int MAX_KEPT = 1000;

    private final List<Pattern> whitelist;
    private final List<Pattern> blacklist;
    private final transient Map<String, Boolean> answers = new ConcurrentHashMap<>();

    /**
     * @param whitelistPattern the patterns of the names to pass, or null or empty
     * @param blacklistPattern the patterns of the names to drop, or null or empty
     * @throws IllegalArgumentException when both are given, or a pattern is not a regular expression
     */
    public FilterByMetricName(List<String> whitelistPattern, List<String> blacklistPattern) {
        this.whitelist = compile(whitelistPattern, "whitelist");
        this.blacklist = compile(blacklistPattern, "blacklist");
        if (!whitelist.isEmpty() && !blacklist.isEmpty()) {
            throw new IllegalArgumentException("A metrics consumer takes a whitelist or a blacklist of metric names, "
                    + "not both: keep one of whitelist " + whitelistPattern + " and blacklist " + blacklistPattern);
        }
    }

    private static List<Pattern> compile(List<String> patterns, String what) {
        if (patterns == null) {
            return List.of();
        }
        return patterns.stream().map(p -> {
            try {
                return Pattern.compile(p);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The metrics consumer's " + what + " entry '" + p
                        + "' is not a regular expression: " + e.getMessage(), e);
            }
        }).toList();
    }

    @Override
    public boolean apply(IMetricsConsumer.DataPoint dataPoint) {
        if (whitelist.isEmpty() && blacklist.isEmpty()) {
            return true;
        }
        Boolean kept = answers == null ? null : answers.get(dataPoint.name);
        if (kept != null) {
            return kept;
        }
        boolean passes = whitelist.isEmpty() ? noneFinds(blacklist, dataPoint.name)
                : !noneFinds(whitelist, dataPoint.name);
        if (answers != null && answers.size() < MAX_KEPT) {
            answers.put(dataPoint.name, passes);
        }
        return passes;
    }

    private static boolean noneFinds(List<Pattern> patterns, String name) {
        for (Pattern p : patterns) {
            if (p.matcher(name).find()) {
                return false;
            }
        }
        return true;
    }
}
