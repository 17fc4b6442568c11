package io.squall.topology;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storm's LogConfig as set_log_level's changes, and the levels in force as Storm's getLogConfig answers them. */
class LogConfigTest {
    @Test
    void updatesBecomeLevelsToSetRemovesLoggersToResetAndUnchangedNothing() {
        LogConfig config = new LogConfig();
        LogLevel debug = new LogLevel(LogLevelAction.UPDATE);
        debug.set_target_log_level("DEBUG");
        debug.set_reset_log_level_timeout_secs(30);
        config.put_to_named_logger_level("io.x", debug);
        LogLevel warn = new LogLevel(LogLevelAction.UPDATE);
        warn.set_target_log_level("WARN");
        config.put_to_named_logger_level("ROOT", warn);
        config.put_to_named_logger_level("io.y", new LogLevel(LogLevelAction.REMOVE));
        config.put_to_named_logger_level("io.z", new LogLevel(LogLevelAction.UNCHANGED));
        assertEquals(Map.of("io.x", "DEBUG:30", "ROOT", "WARN"), config.levelsToSet());
        assertEquals(List.of("io.y"), config.loggersToReset());

        LogConfig noTarget = new LogConfig();
        noTarget.put_to_named_logger_level("io.x", new LogLevel(LogLevelAction.UPDATE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, noTarget::levelsToSet);
        assertTrue(e.getMessage().contains("'io.x' has no target level"), e.getMessage());
    }

    @Test
    void theLevelsInForceAreUpdatesWithTheirEndAndTheSecondsLeft() {
        LogConfig inForce = LogConfig.inForce(Map.of("io.x", Map.of("level", "DEBUG", "untilMs", 31_000L),
                "ROOT", Map.of("level", "WARN", "untilMs", 0)), 11_500);
        assertEquals(2, inForce.get_named_logger_level_size());
        LogLevel x = inForce.get_named_logger_level().get("io.x");
        assertEquals(LogLevelAction.UPDATE, x.get_action());
        assertEquals("DEBUG", x.get_target_log_level());
        assertEquals(31_000, x.get_reset_log_level_timeout_epoch());
        assertEquals(20, x.get_reset_log_level_timeout_secs(), "the seconds left, rounded up");
        LogLevel root = inForce.get_named_logger_level().get("ROOT");
        assertFalse(root.is_set_reset_log_level_timeout_epoch());
        assertEquals(LogLevelAction.REMOVE, LogLevelAction.findByValue(LogLevelAction.REMOVE.getValue()));
    }
}
