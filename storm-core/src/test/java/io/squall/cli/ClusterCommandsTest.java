package io.squall.cli;

import io.squall.errors.SquallException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterCommandsTest {
    /** The exit code and what a command printed. */
    private record Result(int code, String out, String err) { }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A command aimed at a Nimbus that is not there: a port nothing listens on. */
    private static Result runAgainstNoNimbus(String... args) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("-c", "nimbus.seeds=[\"127.0.0.1:" + port + "\"]"));
        return run(all.toArray(new String[0]));
    }

    @Test
    void remoteconfvaluePrintsNimbusesValueAndRefusesSecretsAndUnknownKeys() {
        Map<String, Object> conf = Map.of("nimbus.port", 6627, "my.own.key", "x");
        assertEquals("nimbus.port: 6627", ClusterCommands.remoteValueLine("nimbus.port", conf, List.of()));
        assertEquals("my.own.key: x", ClusterCommands.remoteValueLine("my.own.key", conf, List.of()));
        assertEquals("topology.max.spout.pending: null", ClusterCommands.remoteValueLine("topology.max.spout.pending",
                conf, List.of()), "a Squall key no one set");
        SquallException secret = assertThrows(SquallException.class, () -> ClusterCommands.remoteValueLine(
                "squall.cluster.secret.file", conf, List.of("squall.cluster.secret.file")));
        assertTrue(secret.getMessage().contains("Nimbus does not serve 'squall.cluster.secret.file'"),
                secret.getMessage());
        SquallException typo = assertThrows(SquallException.class, () -> ClusterCommands.remoteValueLine(
                "nimbus.prot", conf, List.of()));
        assertTrue(typo.getMessage().contains("did you mean 'nimbus.port'"), typo.getMessage());
    }

    @Test
    void remoteconfvalueWithoutNimbusFailsInOneLineAndWithoutAKeyIsAUsageError() throws IOException {
        Result r = runAgainstNoNimbus("remoteconfvalue", "nimbus.port");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().startsWith("squall remoteconfvalue: No leader Nimbus reachable"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(2, run("remoteconfvalue").code());
        assertEquals(2, run("remoteconfvalue", "a", "b").code());
    }

    @Test
    void everyClusterCommandHasHelp() {
        for (String command : ClusterCommands.HELP.keySet()) {
            Result r = run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().startsWith("Usage: squall " + command), command + ": " + r.out());
        }
    }

    @Test
    void getErrorsPrintsEachComponentsLatestErrorAsStormDoes() {
        Map<String, Object> topology = Map.of("errors", Map.of(
                "split", List.of(Map.of("task", 3, "timeMs", 100, "message", "old"),
                        Map.of("task", 4, "timeMs", 200, "message", "newest"),
                        Map.of("task", 3, "timeMs", 150, "message", "older")),
                "count", List.of()));
        assertEquals(Map.of("Topology Name", "wc", "Comp-Errors", Map.of("split", "newest")),
                ClusterCommands.latestErrors("wc", topology));
        assertEquals(Map.of("Topology Name", "wc", "Comp-Errors", Map.of()),
                ClusterCommands.latestErrors("wc", Map.of()));
    }

    @Test
    void drpcClientRefusesUnpairedArgumentsAndNamesAServerItCannotReach() throws IOException {
        Result odd = run("drpc-client", "exclaim", "a", "exclaim");
        assertEquals(Main.USAGE, odd.code());
        assertTrue(odd.err().contains("without -f FUNCTION the arguments come in pairs"), odd.err());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Result down = run("drpc-client", "-f", "exclaim", "a", "-c", "drpc.servers=[\"127.0.0.1\"]", "-c",
                "drpc.http.port=" + port);
        assertEquals(Main.FAILED, down.code());
        assertTrue(down.err().contains("squall drpc-client: exclaim \"a\" failed"), down.err());
    }

    @Test
    void anUnreachableNimbusIsAFailureThatNamesTheSeeds() throws IOException {
        for (String[] cmd : new String[][] {{"list"}, {"kill", "wc"}, {"activate", "wc"}, {"deactivate", "wc"},
            {"rebalance", "wc", "-n", "2"}, {"get-errors", "wc"}}) {
            Result r = runAgainstNoNimbus(cmd);
            assertEquals(Main.FAILED, r.code(), Arrays.toString(cmd));
            assertTrue(r.err().contains("No leader Nimbus reachable at [127.0.0.1:"), r.err());
            assertTrue(r.err().contains("nimbus.seeds"), r.err());
        }
    }

    @Test
    void badArgumentsAreUsageErrorsThatSayWhatIsWrong() throws IOException {
        assertUsage(runAgainstNoNimbus("kill"), "needs exactly one topology name");
        assertUsage(runAgainstNoNimbus("kill", "a", "b"), "needs exactly one topology name");
        assertUsage(runAgainstNoNimbus("kill", "wc", "-w"), "-w needs a value");
        assertUsage(runAgainstNoNimbus("kill", "wc", "-w", "soon"), "-w needs a whole number, got 'soon'");
        assertUsage(runAgainstNoNimbus("kill", "wc", "-w", "-3"), "-w must be at least 0");
        assertUsage(runAgainstNoNimbus("rebalance", "wc", "-n", "0"), "-n must be at least 1");
        assertUsage(runAgainstNoNimbus("rebalance", "wc", "-w", "-1"), "-w must be at least 0");
        assertUsage(runAgainstNoNimbus("rebalance", "wc", "-e", "count"), "-e needs COMPONENT=EXECUTORS");
        assertUsage(runAgainstNoNimbus("rebalance", "wc", "-e", "count=x"), "needs a whole number, got 'x'");
        assertUsage(runAgainstNoNimbus("list", "extra"), "takes no arguments");
        assertUsage(runAgainstNoNimbus("list", "--bogus"), "unknown option '--bogus'");
        assertUsage(run("list", "-c", "novalue"), "must be key=value");
        assertUsage(run("list", "-c", "nimbus.port=abc"), "nimbus.port");
        assertUsage(run("nimbus", "extra"), "takes no arguments");
        assertUsage(run("jar"), "needs a topology JAR");
        assertUsage(run("jar", "no-such.jar", "Main"), "does not exist");
    }

    @Test
    void theUiRefusesArgumentsAndSaysWhenItsPortIsTaken() throws IOException {
        assertUsage(run("ui", "extra"), "takes no arguments");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = runAgainstNoNimbus("ui", "-c", "ui.host=127.0.0.1", "-c", "ui.port=" + taken.getLocalPort());
            assertEquals(Main.FAILED, r.code(), r.err());
            assertTrue(r.err().contains("Cannot start the dashboard on 127.0.0.1:" + taken.getLocalPort()), r.err());
        }
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
    }
}
