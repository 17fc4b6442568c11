package io.squall.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogviewerCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void logviewerIsACommandWithItsHelp() {
        assertEquals(Main.OK, run("logviewer", "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("logviewer.port"), out.toString());
        assertEquals(Main.OK, run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("logviewer [-c key=value...]"));
        assertEquals(Main.USAGE, run("logviewer", "extra"));
    }

    @Test
    void refusesANonLoopbackAddressWithoutAuthentication() {
        assertEquals(Main.FAILED, run("logviewer", "-c", "logviewer.host=0.0.0.0", "-c", "logviewer.port=0"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("The logviewer would serve 0.0.0.0") && e.contains("squall.insecure"), e);
    }
}
