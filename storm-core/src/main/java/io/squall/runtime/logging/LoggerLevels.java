package io.squall.runtime.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Applies the log levels set on a topology ({@code squall set_log_level}, {@code setLogConfig}; in a worker those
 * Nimbus lists, in a local cluster its own): sets each listed logger, and puts back as it was a logger it set that is
 * no longer listed (reset) or whose time is up. Works on logback, Squall's logging; with another SLF4J binding it
 * changes nothing and says so once. One thread at a time (a worker's metrics reporter; a local cluster under its
 * lock).
 */
public final class LoggerLevels {
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(LoggerLevels.class);

    /** The level each logger had before this worker first set it (null: inherited). */
    private final Map<String, Level> original = new HashMap<>();
    /** The level this worker set, by logger. */
    private final Map<String, Level> applied = new HashMap<>();
    private boolean warned;

    /** Makes the loggers match {@code wanted} at {@code nowMs}. */
    public void applySettings(Map<String, LogLevelSettings.Setting> wanted, long nowMs) {
        apply(LogLevelSettings.listed(wanted), nowMs);
    }

    /** Makes the loggers match {@code wanted} ({@code level}, {@code untilMs} each, by logger) at {@code nowMs}. */
    public void apply(Map<String, Map<String, Object>> wanted, long nowMs) {
        if (wanted.isEmpty() && applied.isEmpty()) {
            return;
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            if (!warned) {
                warned = true;
                LOG.warn("Log levels were set on this topology, but its logging is not logback: they are not applied");
            }
            return;
        }
        Map<String, Level> now = new HashMap<>();
        wanted.forEach((name, setting) -> {
            long until = setting.get("untilMs") instanceof Number n ? n.longValue() : 0;
            if (until == 0 || until > nowMs) {
                now.put(name, Level.toLevel(String.valueOf(setting.get("level")), null));
            }
        });
        now.values().removeIf(java.util.Objects::isNull);
        for (String name : Map.copyOf(applied).keySet()) {
            if (!now.containsKey(name)) {
                Level back = original.remove(name);
                applied.remove(name);
                logger(context, name).setLevel(back);
                LOG.info("Logger {} is back to {}", name, back == null ? "its parent's level" : back);
            }
        }
        now.forEach((name, level) -> {
            if (!level.equals(applied.get(name))) {
                Logger logger = logger(context, name);
                if (!applied.containsKey(name)) {
                    original.put(name, logger.getLevel());
                }
                logger.setLevel(level);
                applied.put(name, level);
                LOG.info("Logger {} set to {}", name, level);
            }
        });
    }

    private static Logger logger(LoggerContext context, String name) {
        return context.getLogger(name.equalsIgnoreCase("ROOT") ? org.slf4j.Logger.ROOT_LOGGER_NAME : name);
    }
}
