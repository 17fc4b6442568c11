package io.squall.runtime.logging;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log levels Nimbus keeps per topology: set, timed, reset, refused. */
class LogLevelSettingsTest {
    @Test
    void aTimedLevelEndsAndAResetRemovesOne() {
        LogLevelSettings levels = new LogLevelSettings();
        levels.change("wc", Map.of("ROOT", "debug:10", "io.x", "WARN"), List.of(), 1_000);
        assertEquals(Map.of("ROOT", new LogLevelSettings.Setting("DEBUG", 11_000),
                "io.x", new LogLevelSettings.Setting("WARN", 0)), levels.current("wc", 10_999));
        assertEquals(Map.of("io.x", new LogLevelSettings.Setting("WARN", 0)), levels.current("wc", 11_000));
        assertEquals(Map.of(), levels.change("wc", Map.of(), List.of("io.x"), 12_000));
        assertEquals(Map.of(), levels.current("other", 0));
    }

    @Test
    void aLevelOrTimeThatIsNotOneIsRefusedNamingIt() {
        LogLevelSettings levels = new LogLevelSettings();
        IllegalArgumentException loud = assertThrows(IllegalArgumentException.class,
                () -> levels.change("wc", Map.of("ROOT", "LOUD"), List.of(), 0));
        assertTrue(loud.getMessage().contains("Log level 'LOUD' for logger 'ROOT'"), loud.getMessage());
        IllegalArgumentException time = assertThrows(IllegalArgumentException.class,
                () -> levels.change("wc", Map.of("ROOT", "DEBUG:soon"), List.of(), 0));
        assertTrue(time.getMessage().contains("a whole number of seconds"), time.getMessage());
        assertEquals(Map.of(), levels.current("wc", 0), "nothing of a refused change is kept");
        assertThrows(IllegalArgumentException.class, () -> LogLevelSettings.check(Map.of("io.x", "NOISY")));
        LogLevelSettings.check(Map.of("io.x", "debug:5"));
    }
}
