package io.squall.cli;

import io.squall.daemon.ui.ClusterView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path dir;

    private record Result(int code, String out, String err) { }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertUsage(Result r, String message) {
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
    }

    @Test
    void localconfvaluePrintsAKeyAsThisMachinesConfigurationHasIt() {
        Result dflt = run("localconfvalue", "nimbus.port");
        assertEquals(Main.OK, dflt.code(), dflt.err());
        assertEquals("nimbus.port: 6627", dflt.out().strip());
        Result set = run("localconfvalue", "nimbus.port", "-c", "nimbus.port=7000");
        assertEquals("nimbus.port: 7000", set.out().strip());
        Result typo = run("localconfvalue", "nimbus.prot");
        assertEquals("nimbus.prot: null", typo.out().strip());
        assertTrue(typo.err().contains("did you mean 'nimbus.port'"), typo.err());
        assertUsage(run("localconfvalue"), "needs exactly one KEY");
    }

    @Test
    void versionPrintsWhatTheBuildRecordedAndSaysWhatItDidNot() {
        Result r = run("version");
        assertEquals(Main.OK, r.code(), r.err());
        List<String> lines = r.out().strip().lines().toList();
        assertEquals(4, lines.size(), r.out());
        assertTrue(lines.get(0).matches("Squall \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "the build's version: " + r.out());
        assertTrue(lines.get(1).startsWith("Revision "), r.out());
        assertTrue(lines.get(3).matches("Compiled by \\S+ on \\d{4}-\\d\\d-\\d\\dT.*"), r.out());

        java.util.Properties all = new java.util.Properties();
        all.setProperty("version", "1.2.3");
        all.setProperty("revision", "0123abc");
        all.setProperty("branch", "main");
        all.setProperty("built.by", "ci");
        all.setProperty("built.at", "2025-01-02T03:04:05Z");
        assertEquals("Squall 1.2.3\nRevision 0123abc\nBranch main\nCompiled by ci on 2025-01-02T03:04:05Z",
                Main.versionText(all));
        java.util.Properties plainMvn = new java.util.Properties();
        plainMvn.setProperty("version", "1.2.3");
        plainMvn.setProperty("revision", "");
        plainMvn.setProperty("branch", "${squall.git.branch}");
        String text = Main.versionText(plainMvn);
        assertTrue(text.contains("Revision unknown (built without -Dsquall.git.revision; bin/squall's build records "
                + "it)"), text);
        assertTrue(text.contains("Branch unknown"), text);
    }

    @Test
    void theGeneralHelpListsTheNewCommands() {
        String help = run("help").out();
        for (String c : List.of("classpath", "server_classpath", "remoteconfvalue", "kill_workers", "heartbeats",
                "node-health-check", "version")) {
            assertTrue(help.contains("\n  " + c + " ") || help.contains("\n  " + c + "\n"), c + " in: " + help);
        }
    }

    @Test
    void everyCommandHasItsOwnHelp() {
        for (String command : Main.HELP.keySet()) {
            Result r = run(command, "--help");
            assertEquals(Main.OK, r.code(), command);
            assertTrue(r.out().startsWith("Usage: squall " + command), command + ": " + r.out());
            assertFalse(r.out().contains("Commands:"), command + " printed the general usage: " + r.out());
        }
        assertTrue(run("local", "app.jar", "Main", "--help").out().startsWith("Usage: squall local"));
        assertTrue(run("demo", "-h").out().startsWith("Usage: squall demo"));
    }

    @Test
    void localRefusesBadOptionsWithUsageErrors() throws IOException {
        Path jar = Files.write(dir.resolve("app.jar"), new byte[0]);
        assertUsage(run("local", "--bogus", jar.toString(), "Main"), "unknown option '--bogus'");
        assertUsage(run("local", jar.toString(), "Main", "--ui", "notaport"), "--ui takes a port number, got "
                + "'notaport'");
        assertUsage(run("local", jar.toString(), "Main", "--ui", "70000"), "between 0 and 65535");
        assertUsage(run("local", jar.toString(), "Main", "--local-ttl", "soon"), "--local-ttl needs a whole number");
        assertUsage(run("local", jar.toString(), "Main", "--local-ttl"), "--local-ttl needs a value");
        assertUsage(run("local", jar.toString(), "Main", "-c"), "-c needs a value");
        assertUsage(run("local", jar.toString(), "Main", "-c", "topology.workers=many"), "topology.workers");
        assertUsage(run("demo", "--ui", "x"), "--ui takes a port number");
        assertUsage(run("version", "--bogus"), "unknown option '--bogus'");
        assertTrue(run("local", "--bogus").err().contains("see 'squall local --help'"));
    }

    @Test
    void demoTakesTheOptionsOfLocalAndPassesNoneToMain() throws IOException {
        Path jar = dir.resolve(Main.DEMO_JAR);
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        String before = System.getProperty(Main.HOME_PROPERTY);
        System.setProperty(Main.HOME_PROPERTY, dir.toString());
        try {
            // -c is read as a config override (and checked), wherever it stands, not handed to main.
            assertUsage(run("demo", "-c", "topology.workers=many"), "topology.workers");
            assertUsage(run("demo", "wc", "-c", "topology.workers=many"), "topology.workers");
            assertUsage(run("demo", "-c"), "-c needs a value");
            assertUsage(run("demo", "--local-ttl", "soon"), "--local-ttl needs a whole number");
        } finally {
            if (before == null) {
                System.clearProperty(Main.HOME_PROPERTY);
            } else {
                System.setProperty(Main.HOME_PROPERTY, before);
            }
        }
    }

    @Test
    void optionsOfLocalAreTakenAnywhereAndTheRestGoesToMain() {
        CommandLine.Spec local = new CommandLine.Spec(Set.of("--local-ttl"), Set.of("--ui"), 2);
        CommandLine line = CommandLine.parse(new String[] {"app.jar", "Main", "wc", "-c", "topology.workers=2",
            "--flag", "--ui", "--local-ttl=5", "-c", "my.key=x", "--", "-c", "--ui"}, local);
        assertEquals(List.of("app.jar", "Main", "wc", "--flag", "-c", "--ui"), line.positional());
        assertEquals(List.of("topology.workers=2", "my.key=x"), line.overrides());
        assertEquals("", line.option("--ui"));
        assertEquals("5", line.option("--local-ttl"));
        assertEquals("9090", CommandLine.parse(new String[] {"--ui", "9090", "a.jar", "M"}, local).option("--ui"));
        assertThrows(Main.UsageException.class, () -> CommandLine.parse(new String[] {"-x", "a.jar", "M"}, local));
    }

    @Test
    void unknownConfigKeysGetAWarningNamingTheKeyMeant() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.config(List.of("nimbus.portt=1", "wordcount.file=x", "topology.workers=2"),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("'nimbus.portt' is not a Squall config key (did you mean 'nimbus.port'?)"), text);
        assertTrue(text.contains("'wordcount.file' is not a Squall config key;"), text);
        assertFalse(text.contains("topology.workers"), text);
    }

    @Test
    void aRebalanceThatGotFewerWorkersSaysSo() {
        assertEquals("Rebalanced topology wc: it runs on 4 of the 10 workers asked for (the cluster has no more free "
                + "slots; Nimbus adds workers as slots free up)",
                ClusterView.Placement.of(Map.of("workers", 4, "workersRequested", 10, "executors", 12)).describe("wc"));
        assertEquals("Rebalanced topology wc: it runs on 3 of the 10 workers asked for (it has only 3 executors, at "
                + "most one worker each)",
                ClusterView.Placement.of(Map.of("workers", 3, "workersRequested", 10, "executors", 3)).describe("wc"));
        assertEquals("Rebalanced topology wc over 2 workers",
                ClusterView.Placement.of(Map.of("workers", 2, "workersRequested", 2, "executors", 9)).describe("wc"));
    }
}
