package io.squall.daemon.nimbus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log levels Nimbus keeps per topology: set, timed, reset, refused. */
class NimbusLogLevelsTest {
    @Test
    void aTimedLevelEndsAndAResetRemovesOne() {
        NimbusLogLevels levels = new NimbusLogLevels();
        levels.change("wc", Map.of("ROOT", "debug:10", "io.x", "WARN"), List.of(), 1_000);
        assertEquals(Map.of("ROOT", new NimbusLogLevels.Setting("DEBUG", 11_000),
                "io.x", new NimbusLogLevels.Setting("WARN", 0)), levels.current("wc", 10_999));
        assertEquals(Map.of("io.x", new NimbusLogLevels.Setting("WARN", 0)), levels.current("wc", 11_000));
        assertEquals(Map.of(), levels.change("wc", Map.of(), List.of("io.x"), 12_000));
        assertEquals(Map.of(), levels.current("other", 0));
    }

    @Test
    void aLevelOrTimeThatIsNotOneIsRefusedNamingIt() {
        NimbusLogLevels levels = new NimbusLogLevels();
        NimbusException loud = assertThrows(NimbusException.class,
                () -> levels.change("wc", Map.of("ROOT", "LOUD"), List.of(), 0));
        assertTrue(loud.getMessage().contains("Log level 'LOUD' for logger 'ROOT'"), loud.getMessage());
        NimbusException time = assertThrows(NimbusException.class,
                () -> levels.change("wc", Map.of("ROOT", "DEBUG:soon"), List.of(), 0));
        assertTrue(time.getMessage().contains("a whole number of seconds"), time.getMessage());
        assertEquals(Map.of(), levels.current("wc", 0), "nothing of a refused change is kept");
    }
}
