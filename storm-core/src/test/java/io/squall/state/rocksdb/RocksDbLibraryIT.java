package io.squall.state.rocksdb;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Child JVMs that load RocksDB, each with a {@code java.io.tmpdir} of its own, killed with SIGKILL as a supervisor
 * or the kernel's OOM killer would: what they leave in their temporary directory is what a cluster that restarts
 * workers accumulates.
 */
@Timeout(180)
class RocksDbLibraryIT {
    private static final long READY_TIMEOUT_SECS = 120;

    @TempDir
    Path base;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    @Test
    void aProcessKilledAfterLoadingRocksDbLeavesNoCopyOfTheLibraryInItsTmpdir() throws Exception {
        Path tmpdir = Files.createDirectory(base.resolve("tmp"));
        Process p = start(tmpdir, "provider", base.resolve("local").toString(), base.resolve("state").toString());
        awaitReady(p);
        kill(p);

        assertEquals(List.of(), rocksDbFiles(tmpdir), "what the killed process left in its java.io.tmpdir");
        assertEquals(1, libraries(base.resolve("local").resolve("native")).size(),
                "the library is kept in storm.local.dir/native");
    }

    @Test
    void aRelativeLocalDirAsTheDefaultOneIsUsedFromTheWorkingDirectory() throws Exception {
        Path tmpdir = Files.createDirectory(base.resolve("tmp"));
        Process p = start(tmpdir, List.of(), base, "provider", "squall-local", base.resolve("state").toString());
        String output = awaitReady(p);
        kill(p);

        assertFalse(output.contains("the default way"), output);
        assertEquals(List.of(), rocksDbFiles(tmpdir), "what the killed process left in its java.io.tmpdir");
        assertEquals(1, libraries(base.resolve("squall-local").resolve("native")).size());
    }

    @Test
    void theBindingsOwnLoadingLeavesItsCopyWhenTheProcessIsKilled() throws Exception {
        // What the test above guards against, shown on the same kind of process.
        Path tmpdir = Files.createDirectory(base.resolve("tmp"));
        Process p = start(tmpdir, "default");
        awaitReady(p);
        kill(p);

        assertEquals(1, rocksDbFiles(tmpdir).size(), "the default loader's copy outlives a killed process");
    }

    @Test
    void twoProcessesStartingAtOnceBothLoadTheOneCopy() throws Exception {
        Path local = base.resolve("local");
        List<Process> both = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path tmpdir = Files.createDirectory(base.resolve("tmp-" + i));
            both.add(start(tmpdir, "provider", local.toString(), base.resolve("state-" + i).toString()));
        }
        for (Process p : both) {
            awaitReady(p);
        }
        for (Process p : both) {
            kill(p);
        }

        List<Path> libraries = libraries(local.resolve("native"));
        assertEquals(1, libraries.size(), libraries.toString());
        try (Stream<Path> files = Files.list(libraries.get(0).getParent())) {
            assertEquals(List.of(".lock", libraries.get(0).getFileName().toString()),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(List.of(), rocksDbFiles(base.resolve("tmp-" + i)));
        }
    }

    @Test
    void aNativeDirectoryOtherUsersMayWriteIsNotUsedAndTheProcessSaysSo() throws Exception {
        Path tmpdir = Files.createDirectory(base.resolve("tmp"));
        Path shared = Files.createDirectory(base.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Process p = start(tmpdir, List.of("-Dsquall.native.dir=" + shared), "provider",
                base.resolve("local").toString(), base.resolve("state").toString());
        String output = awaitReady(p);

        assertTrue(output.contains("Cannot keep RocksDB's native library in " + shared)
                && output.contains("loading it the default way"), output);
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(0, files.count(), "nothing is written where other users could replace it");
        }
        assertEquals(1, rocksDbFiles(tmpdir).size(), "the default loader's copy, as the warning says");
    }

    private Process start(Path tmpdir, String... args) throws IOException {
        return start(tmpdir, List.of(), args);
    }

    private Process start(Path tmpdir, List<String> jvmOptions, String... args) throws IOException {
        return start(tmpdir, jvmOptions, null, args);
    }

    private Process start(Path tmpdir, List<String> jvmOptions, Path workDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpdir));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                RocksDbUser.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(workDir == null ? null : workDir.toFile())
                .redirectErrorStream(true).start();
        children.add(p);
        return p;
    }

    /**
     * Waits for the child's {@code READY} line and returns what it wrote before; fails with that output if it ends
     * first.
     */
    private static String awaitReady(Process p) throws Exception {
        StringBuilder output = new StringBuilder();
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("READY")) {
                        return true;
                    }
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
                return false;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        boolean ok = ready.get(READY_TIMEOUT_SECS, TimeUnit.SECONDS);
        synchronized (output) {
            assertTrue(ok, "the child ended before it was ready:\n" + output);
            return output.toString();
        }
    }

    /** SIGKILL: no shutdown hook or delete-on-exit runs. */
    private static void kill(Process p) throws InterruptedException {
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the child is gone");
    }

    private static List<Path> rocksDbFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains("rocksdbjni")).toList();
        }
    }

    private static List<Path> libraries(Path nativeDir) throws IOException {
        try (Stream<Path> files = Files.walk(nativeDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("lib") && Files.isRegularFile(f)).toList();
        }
    }
}
