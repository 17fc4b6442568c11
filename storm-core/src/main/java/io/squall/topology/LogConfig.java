package io.squall.topology;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The log levels of a topology's loggers, by logger name ({@code ROOT} for the root), as Storm's. */
public class LogConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private Map<String, LogLevel> namedLoggerLevel = new HashMap<>();

    public LogConfig() {
    }

    public Map<String, LogLevel> get_named_logger_level() {
        return namedLoggerLevel;
    }

    public void set_named_logger_level(Map<String, LogLevel> levels) {
        this.namedLoggerLevel = levels == null ? new HashMap<>() : new HashMap<>(levels);
    }

    public void put_to_named_logger_level(String logger, LogLevel level) {
        namedLoggerLevel.put(logger, level);
    }

    public int get_named_logger_level_size() {
        return namedLoggerLevel.size();
    }

    public boolean is_set_named_logger_level() {
        return !namedLoggerLevel.isEmpty();
    }

    /**
     * The loggers this config's {@code UPDATE}s set, each to {@code LEVEL} or {@code LEVEL:SECONDS} when it has a
     * timeout, as {@code squall set_log_level -l} takes them (Squall's; {@code UNCHANGED} entries are left out).
     *
     * @throws IllegalArgumentException naming a logger whose {@code UPDATE} has no target level
     */
    public Map<String, String> levelsToSet() {
        Map<String, String> set = new LinkedHashMap<>();
        namedLoggerLevel.forEach((logger, level) -> {
            if (level != null && level.get_action() == LogLevelAction.UPDATE) {
                if (!level.is_set_target_log_level()) {
                    throw new IllegalArgumentException("The UPDATE of logger '" + logger + "' has no target level: "
                            + "set_target_log_level to a level such as DEBUG");
                }
                int secs = level.get_reset_log_level_timeout_secs();
                set.put(logger, level.get_target_log_level() + (secs > 0 ? ":" + secs : ""));
            }
        });
        return set;
    }

    /** The loggers this config's {@code REMOVE}s put back (Squall's). */
    public List<String> loggersToReset() {
        List<String> reset = new ArrayList<>();
        namedLoggerLevel.forEach((logger, level) -> {
            if (level != null && level.get_action() == LogLevelAction.REMOVE) {
                reset.add(logger);
            }
        });
        return reset;
    }

    /**
     * The config of the levels in force, as Nimbus lists them ({@code level} and {@code untilMs}, 0 for no end, by
     * logger), at {@code nowMs}: an {@code UPDATE} per logger with, when timed, its end
     * ({@code reset_log_level_timeout_epoch}) and the seconds left ({@code reset_log_level_timeout_secs}).
     */
    public static LogConfig inForce(Map<String, ? extends Map<String, ?>> levels, long nowMs) {
        LogConfig config = new LogConfig();
        levels.forEach((logger, setting) -> {
            LogLevel level = new LogLevel(LogLevelAction.UPDATE);
            level.set_target_log_level(String.valueOf(setting.get("level")));
            long until = setting.get("untilMs") instanceof Number n ? n.longValue() : 0;
            if (until > 0) {
                level.set_reset_log_level_timeout_epoch(until);
                level.set_reset_log_level_timeout_secs((int) Math.max(1, (until - nowMs + 999) / 1000));
            }
            config.put_to_named_logger_level(logger, level);
        });
        return config;
    }

    @Override
    public String toString() {
        return "LogConfig(" + namedLoggerLevel + ")";
    }
}
