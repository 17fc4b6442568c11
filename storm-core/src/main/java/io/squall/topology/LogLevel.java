package io.squall.topology;

import java.io.Serializable;

/**
 * One logger's setting in a {@link LogConfig} (Storm's): an action, the level to set, and for how long
 * ({@code reset_log_level_timeout_secs}; {@code getLogConfig} also gives the end as {@code
 * reset_log_level_timeout_epoch}, in milliseconds). {@code reset_log_level} is kept for Storm's signature: the logger
 * goes back to the level it had, which the workers remember.
 */
public class LogLevel implements Serializable {
    private static final long serialVersionUID = 1L;
    private LogLevelAction action;
    private String targetLogLevel;
    private int resetLogLevelTimeoutSecs;
    private long resetLogLevelTimeoutEpoch;
    private String resetLogLevel;

    public LogLevel() {
    }

    public LogLevel(LogLevelAction action) {
        this.action = action;
    }

    public LogLevelAction get_action() {
        return action;
    }

    public void set_action(LogLevelAction action) {
        this.action = action;
    }

    public boolean is_set_action() {
        return action != null;
    }

    public String get_target_log_level() {
        return targetLogLevel;
    }

    public void set_target_log_level(String targetLogLevel) {
        this.targetLogLevel = targetLogLevel;
    }

    public boolean is_set_target_log_level() {
        return targetLogLevel != null;
    }

    public int get_reset_log_level_timeout_secs() {
        return resetLogLevelTimeoutSecs;
    }

    public void set_reset_log_level_timeout_secs(int secs) {
        this.resetLogLevelTimeoutSecs = secs;
    }

    public boolean is_set_reset_log_level_timeout_secs() {
        return resetLogLevelTimeoutSecs > 0;
    }

    public long get_reset_log_level_timeout_epoch() {
        return resetLogLevelTimeoutEpoch;
    }

    public void set_reset_log_level_timeout_epoch(long epochMillis) {
        this.resetLogLevelTimeoutEpoch = epochMillis;
    }

    public boolean is_set_reset_log_level_timeout_epoch() {
        return resetLogLevelTimeoutEpoch > 0;
    }

    public String get_reset_log_level() {
        return resetLogLevel;
    }

    public void set_reset_log_level(String resetLogLevel) {
        this.resetLogLevel = resetLogLevel;
    }

    public boolean is_set_reset_log_level() {
        return resetLogLevel != null;
    }

    @Override
    public String toString() {
        return "LogLevel(" + action + (targetLogLevel == null ? "" : " " + targetLogLevel)
                + (resetLogLevelTimeoutSecs > 0 ? " for " + resetLogLevelTimeoutSecs + " s" : "")
                + (resetLogLevelTimeoutEpoch > 0 ? " until " + resetLogLevelTimeoutEpoch : "") + ")";
    }
}
