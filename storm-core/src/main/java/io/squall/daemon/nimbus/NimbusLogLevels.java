package io.squall.daemon.nimbus;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log levels set on running topologies ({@code squall set_log_level}, Storm's dynamic log levels): per topology,
 * per logger, a level and when it ends. The workers learn them in the answers to their metrics reports, set them, and
 * put each logger back as it was once it is no longer listed (reset, or its time is up). In memory: a new leader
 * starts with none, and the workers then put their loggers back. Thread-safe.
 */
final class NimbusLogLevels {
    /** The levels logback knows. */
    static final Set<String> LEVELS = Set.of("ALL", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    /** A logger's level until {@code untilMs} (0: until reset). */
    record Setting(String level, long untilMs) { }

    private final Map<String, Map<String, Setting>> byTopology = new ConcurrentHashMap<>();

    /**
     * Sets and resets loggers of {@code topology}: {@code set} maps a logger ({@code ROOT} for the root) to
     * {@code LEVEL} or {@code LEVEL:SECS} (for SECS seconds from {@code nowMs}).
     *
     * @throws NimbusException 400 naming a level that is not one of {@link #LEVELS} or a bad time
     */
    Map<String, Setting> change(String topology, Map<String, String> set, Iterable<String> reset, long nowMs) {
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
            throw new NimbusException(400, "Log level '" + value + "' for logger '" + logger + "': give LEVEL or "
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
            throw new NimbusException(400, "Log level '" + value + "' for logger '" + logger + "': the time after "
                    + "the colon is a whole number of seconds, at least 1");
        }
        return new Setting(level, nowMs + secs * 1000);
    }

    /** The settings of {@code topology} still in force at {@code nowMs} (the ended ones are dropped). */
    Map<String, Setting> current(String topology, long nowMs) {
        Map<String, Setting> levels = byTopology.get(topology);
        if (levels == null) {
            return Map.of();
        }
        levels.values().removeIf(s -> s.untilMs() > 0 && s.untilMs() <= nowMs);
        return Map.copyOf(levels);
    }

    /** Forgets a removed topology. */
    void forget(String topology) {
        byTopology.remove(topology);
    }
}
