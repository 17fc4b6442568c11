package io.squall.runtime.logging;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log levels set on running topologies ({@code squall set_log_level}, Storm's dynamic log levels and
 * {@code setLogConfig}): per topology, per logger, a level and when it ends. Nimbus keeps them in memory (a new leader
 * starts with none) and the workers learn them in the answers to their metrics reports; a local cluster keeps its own.
 * {@link LoggerLevels} sets the loggers and puts each back once it is no longer listed (reset, or its time is up).
 * Thread-safe.
 */
public final class LogLevelSettings {
    /** The levels logback knows. */
    public static final Set<String> LEVELS = Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** A logger's level until {@code untilMs} (0: until reset). */
    public record Setting(String level, long untilMs) { }

    /**
     * Checks the levels and times of {@code set} as {@link #change} would.
     *
     * @throws IllegalArgumentException as {@link #change}
     */
    public static void check(Map<String, String> set) {
        set.forEach((logger, value) -> parse(logger, value, 0));
    }

    /** {@code settings} as Nimbus lists them to workers and callers: {@code level} and {@code untilMs} by logger. */
    public static Map<String, Map<String, Object>> listed(Map<String, Setting> settings) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        settings.forEach((logger, s) -> out.put(logger, Map.of("level", s.level(), "untilMs", s.untilMs())));
        return out;
    }

    private final Map<String, Map<String, Setting>> byTopology = new ConcurrentHashMap<>();

    /**
     * Sets and resets loggers of {@code topology}: {@code set} maps a logger ({@code ROOT} for the root) to
     * {@code LEVEL} or {@code LEVEL:SECS} (for SECS seconds from {@code nowMs}).
     *
     * @throws IllegalArgumentException naming a level that is not one of {@link #LEVELS} or a bad time; nothing of
     *                                  the change is kept then
     */
    public Map<String, Setting> change(String topology, Map<String, String> set, Iterable<String> reset,
                                       long nowMs) {
        Map<String, Setting> parsed = new LinkedHashMap<>();
        set.forEach((logger, value) -> parsed.put(logger, parse(logger, value, nowMs)));
        Map<String, Setting> levels = byTopology.computeIfAbsent(topology, t -> new ConcurrentHashMap<>());
        levels.putAll(parsed);
        reset.forEach(levels::remove);
        return current(topology, nowMs);
    }

    private static Setting parse(String logger, String value, long nowMs) {
        int colon = value.indexOf(':');
        String level = (colon < 0 ? value : value.substring(0, colon)).trim().toUpperCase(Locale.ROOT);
        if (logger.isBlank() || !LEVELS.contains(level)) {
            throw new IllegalArgumentException("Log level '" + value + "' for logger '" + logger + "': give LEVEL or "
                    + "LEVEL:SECONDS, LEVEL one of " + LEVELS);
        }
        if (colon < 0) {
            return new Setting(level, 0);
        }
        long secs;
        try {
            secs = Long.parseLong(value.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            secs = -1;
        }
        if (secs <= 0) {
            throw new IllegalArgumentException("Log level '" + value + "' for logger '" + logger + "': the time after "
                    + "the colon is a whole number of seconds, at least 1");
        }
        return new Setting(level, nowMs + secs * 1000);
    }

    /** The settings of {@code topology} still in force at {@code nowMs} (the ended ones are dropped). */
    public Map<String, Setting> current(String topology, long nowMs) {
        Map<String, Setting> levels = byTopology.get(topology);
        if (levels == null) {
            return Map.of();
        }
        levels.values().removeIf(s -> s.untilMs() > 0 && s.untilMs() <= nowMs);
        return Map.copyOf(levels);
    }

    /** Forgets a removed topology. */
    public void forget(String topology) {
        byTopology.remove(topology);
    }
}
