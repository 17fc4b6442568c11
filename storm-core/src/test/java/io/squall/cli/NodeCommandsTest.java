package io.squall.cli;

import io.squall.config.DaemonConfig;
import io.squall.daemon.supervisor.WorkerCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NodeCommandsTest {
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

    private Path script(String name, String body) throws IOException {
        Path s = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
        return s;
    }

    private Result healthCheck(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("node-health-check", "-c",
                "storm.health.check.dir=" + dir));
        for (String m : more) {
            args.add("-c");
            args.add(m);
        }
        return run(args.toArray(new String[0]));
    }

    @Test
    void classpathAndServerClasspathPrintThisJvmsClassPathWithAbsoluteEntries() {
        for (String command : List.of("classpath", "server_classpath")) {
            Result r = run(command);
            assertEquals(Main.OK, r.code(), r.err());
            String printed = r.out().strip();
            assertEquals(NodeCommands.classpath(System.getProperty("java.class.path")), printed);
            for (String entry : printed.split(File.pathSeparator)) {
                assertTrue(Path.of(entry).isAbsolute(), entry);
            }
            assertTrue(printed.contains("classes"), "the Squall classes are on it: " + printed);
            assertEquals(Main.USAGE, run(command, "extra").code());
        }
        assertEquals("/a/b.jar" + File.pathSeparator + Path.of("c.jar").toAbsolutePath(),
                NodeCommands.classpath("/a/./b.jar" + File.pathSeparator + File.pathSeparator + "c.jar"));
    }

    @Test
    void aHealthyNodeRunsEveryExecutableScriptAndSkipsTheRest() throws IOException {
        script("ok.sh", "echo fine; exit 0");
        script("ok-but-says-error.sh", "echo ERROR but exit 0 is success in Storm; exit 0");
        Files.writeString(dir.resolve("not-executable.sh"), "#!/bin/sh\nexit 1\n");
        Files.createDirectory(dir.resolve("a-directory"));
        Result r = healthCheck();
        assertEquals(Main.OK, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ok.sh: success"), r.out());
        assertTrue(r.out().contains("ok-but-says-error.sh: success"), r.out());
        assertFalse(r.out().contains("not-executable"), r.out());
        assertTrue(r.out().strip().endsWith("The node is healthy."), r.out());
    }

    @Test
    void aScriptThatExitsNonZeroMakesTheNodeUnhealthyFailedWhenItsOutputStartsWithError() throws IOException {
        script("a-error.sh", "echo 'ERROR disk full'; exit 1");
        script("b-exit.sh", "echo 'something odd'; exit 3");
        script("c-ok.sh", "exit 0");
        Result r = healthCheck();
        assertEquals(Main.FAILED, r.code(), r.out());
        assertTrue(r.out().contains("a-error.sh: failed (exit code 1: ERROR disk full)"), r.out());
        assertTrue(r.out().contains("b-exit.sh: failed_with_exit_code (exit code 3: something odd)"), r.out());
        assertTrue(r.out().contains("c-ok.sh: success"), r.out());
        assertTrue(r.out().strip().endsWith("The node is unhealthy."), r.out());
    }

    @Test
    void aScriptThatRunsTooLongIsKilledAndFailsTheNodeUnlessTimeoutsAreForgiven() throws IOException {
        Path marker = dir.resolve("still-running");
        script("slow.sh", "sleep 30; touch " + marker);
        long start = System.nanoTime();
        Result r = healthCheck("storm.health.check.timeout.ms=300");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "the timeout ended the script");
        assertEquals(Main.FAILED, r.code(), r.out());
        assertTrue(r.out().contains("slow.sh: timeout (still running after 300 ms"), r.out());
        Result forgiven = healthCheck("storm.health.check.timeout.ms=300",
                "storm.health.check.fail.on.timeouts=false");
        assertEquals(Main.OK, forgiven.code(), forgiven.out());
        assertTrue(forgiven.out().contains("slow.sh: timeout"), forgiven.out());
        assertFalse(Files.exists(marker), "the script is killed before its sleep, so it never goes on to touch");
    }

    @Test
    void noHealthCheckDirectoryMeansHealthyAsInStorm() {
        Result r = run("node-health-check", "-c", "storm.health.check.dir=" + dir.resolve("missing"));
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().contains("no such directory): healthy"), r.out());
        assertEquals(Main.USAGE, run("node-health-check", "now").code());
    }

    @Test
    void killWorkersWithoutSupervisorStateSaysWhatToGive() {
        Result r = run("kill_workers", "-c", "storm.local.dir=" + dir, "-c", "supervisor.slots.ports=[6990]");
        assertEquals(Main.FAILED, r.code());
        assertTrue(r.err().startsWith("squall kill_workers: no supervisor state on this machine: "
                + dir.resolve("supervisor-6990").resolve("supervisor.id") + " does not exist"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void aWorkerCommandLineNamesItsSupervisorPortAndTopology() {
        String id = UUID.randomUUID().toString();
        List<String> cmd = List.of("java", "-cp", "x", WorkerCommandLine.WORKER_MAIN, id, "6700", "wc-1-17", "/code");
        assertEquals(Optional.of(new NodeCommands.LocalWorker(7, 6700, "wc-1-17")),
                NodeCommands.parseWorker(7, cmd, id));
        assertEquals(Optional.empty(), NodeCommands.parseWorker(7, cmd, UUID.randomUUID().toString()),
                "another supervisor's worker");
        assertEquals(Optional.empty(), NodeCommands.parseWorker(7, List.of("java", "Other", id, "6700", "t"), id));
        assertEquals(Optional.empty(), NodeCommands.parseWorker(7, List.of("java", WorkerCommandLine.WORKER_MAIN, id,
                "port", "t"), id));
    }

    /** A process whose command line is a worker's of supervisor {@code id} on {@code port}; it sleeps. */
    private static Process fakeWorker(String id, int port) throws IOException {
        // "; :" keeps the shell from exec'ing sleep, so its command line stays the worker's.
        return new ProcessBuilder("sh", "-c", "sleep 60; :", WorkerCommandLine.WORKER_MAIN, id, String.valueOf(port),
                "fake-1-1").start();
    }

    @Test
    void killWorkersStopsTheWorkersOfThisMachinesSupervisorOnly() throws Exception {
        String id = UUID.randomUUID().toString();
        Path home = Files.createDirectories(dir.resolve("supervisor-6990"));
        Files.writeString(home.resolve("supervisor.id"), id + "\n");
        Process mine = fakeWorker(id, 6990);
        Process mine2 = fakeWorker(id, 6991);
        Process other = fakeWorker(UUID.randomUUID().toString(), 6990);
        try {
            assertEquals(2, NodeCommands.workersOf(id).size(), "the command line of both is found");
            Result r = run("kill_workers", "-c", "storm.local.dir=" + dir, "-c", "supervisor.slots.ports=[6990,6991]");
            assertEquals(Main.OK, r.code(), r.err());
            assertTrue(r.out().contains("Worker fake-1-1 on port 6990 (pid " + mine.pid() + ") stopped"), r.out());
            assertTrue(r.out().contains("Worker fake-1-1 on port 6991 (pid " + mine2.pid() + ") stopped"), r.out());
            assertTrue(mine.waitFor(10, TimeUnit.SECONDS) && mine2.waitFor(10, TimeUnit.SECONDS));
            assertTrue(other.isAlive(), "another supervisor's worker is left alone");
            Result none = run("kill_workers", "-c", "storm.local.dir=" + dir, "-c", "supervisor.slots.ports=[6990]");
            assertEquals(Main.OK, none.code(), none.err());
            assertTrue(none.out().contains("No worker of supervisor " + id + " runs on this machine."), none.out());
        } finally {
            for (Process p : List.of(mine, mine2, other)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    @Test
    void heartbeatPathsAreUnderWorkerbeats() {
        assertEquals("/workerbeats", NodeCommands.beatsPath("/workerbeats/"));
        assertEquals("/workerbeats/wc-1-2", NodeCommands.beatsPath("/workerbeats/wc-1-2"));
        for (String bad : List.of("/topologies", "workerbeats", "/workerbeatsX", "/workerbeats/../topologies",
                "/workerbeats//x")) {
            Main.UsageException e = assertThrows(Main.UsageException.class, () -> NodeCommands.beatsPath(bad), bad);
            assertTrue(e.getMessage().contains("PATH must be /workerbeats"), e.getMessage());
        }
        assertEquals(Main.USAGE, run("heartbeats", "list").code());
        assertEquals(Main.USAGE, run("heartbeats", "show", "/workerbeats").code());
        Result bad = run("heartbeats", "list", "/assignments");
        assertEquals(Main.USAGE, bad.code());
        assertTrue(bad.err().contains("see 'squall heartbeats --help'"), bad.err());
    }

    @Test
    void aHeartbeatIsPrintedWithWhereItIsFromAndItsTime() {
        String sup = UUID.randomUUID().toString();
        Map<String, Object> m = NodeCommands.describeBeat("/workerbeats/wc-1-2/" + sup + "-6700",
                Map.of("timeMs", 0L, "assignmentVersion", 3, "pid", 42));
        assertEquals("wc-1-2", m.get("topologyId"));
        assertEquals(sup, m.get("supervisorId"));
        assertEquals(6700, m.get("port"));
        assertEquals(42, m.get("pid"));
        assertEquals("1970-01-01T00:00:00Z", m.get("time"));
    }

    @Test
    void heartbeatsWithoutZookeeperFailInOneLine() {
        DaemonConfig.load(null, List.of()); // The defaults load.
        Result r = run("heartbeats", "list", "/workerbeats", "-c", "storm.zookeeper.port=" + freePort(),
                "-c", "storm.zookeeper.servers=[\"127.0.0.1\"]", "-c", "storm.zookeeper.connection.timeout=500");
        assertEquals(Main.FAILED, r.code(), r.out());
        assertTrue(r.err().contains("Cannot reach ZooKeeper at 127.0.0.1:"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
