package io.squall.daemon.logviewer;

import io.squall.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The logviewer's scheduled cleanup, on real files and the real scan of this machine's worker processes. */
class LogCleanupIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path root;

    private Path file(String name, long minutesAgo) throws IOException {
        Path p = Files.writeString(root.resolve(name), "a line\n");
        Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis() - minutesAgo * 60_000));
        return p;
    }

    @Test
    @Timeout(60)
    void theLogviewerDeletesOldLogsOfDeadWorkersEveryInterval() throws IOException {
        // An hour's age; a 200 ms interval instead of minutes, so the test sees several runs.
        LogCleaner.Settings cleanup = new LogCleaner.Settings(200, 60 * 60_000, 1L << 30);
        LogviewerServer server = new LogviewerServer(LogviewerSettings.open(root, "127.0.0.1", 0)
                .withCleanup(cleanup));
        try {
            Path old = file("worker-gone-1700000000-6700.log", 2 * 60);
            Path young = file("worker-gone-1700000000-6701.log", 10);
            Path daemon = file("nimbus.log", 2 * 60);
            Await.until(WAIT, () -> !Files.exists(old), () -> old + " still there");

            // A later run deletes what aged meanwhile.
            Path rolled = file("worker-gone-1700000000-6700.log.1", 3 * 60);
            Await.until(WAIT, () -> !Files.exists(rolled), () -> rolled + " still there");
            assertTrue(Files.exists(young), "a dead worker's file younger than the age was deleted");
            assertTrue(Files.exists(daemon), "a daemon's log was deleted");
        } finally {
            server.close();
        }
    }
}
