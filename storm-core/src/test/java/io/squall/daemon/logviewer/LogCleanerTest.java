package io.squall.daemon.logviewer;

import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;
import io.squall.daemon.supervisor.WorkerCommandLine.Slot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogCleanerTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final long KB = 1024;
    private static final Slot LIVE = new Slot("live-1700000000", 6700);

    @TempDir
    Path root;

    /** A worker log of {@code kb} KB last written {@code minutesAgo} minutes before {@link #NOW}. */
    private void file(String name, long kb, long minutesAgo) throws IOException {
        Path p = Files.write(root.resolve(name), new byte[(int) (kb * KB)]);
        Files.setLastModifiedTime(p, FileTime.fromMillis(NOW - minutesAgo * MINUTE));
    }

    private List<String> remaining() throws IOException {
        try (var files = Files.list(root)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<Path> clean(long maxAgeMins, long maxSumKb, Set<Slot> live) throws IOException {
        LogCleaner cleaner = new LogCleaner(new LogFiles(root),
                new LogCleaner.Settings(1000, maxAgeMins * MINUTE, maxSumKb * KB), () -> live, () -> NOW);
        return cleaner.cleanOnce();
    }

    @Test
    void deletesTheOldFilesOfDeadWorkersAndKeepsLiveOnesRecentOnesAndDaemonLogs() throws IOException {
        file("worker-live-1700000000-6700.log", 1, 5000);       // live worker, however old
        file("worker-live-1700000000-6700.log.1", 1, 5000);
        file("worker-dead-1700000000-6701.log", 1, 5000);       // dead and old: deleted
        file("worker-dead-1700000000-6701.log.1", 1, 6000);
        file("worker-dead-1700000000-6701.out", 1, 6000);
        file("worker-recent-1700000000-6700.log", 1, 10);       // dead but younger than the age
        file("nimbus.log", 1, 100_000);                         // a daemon's log: not the cleanup's

        List<Path> deleted = clean(60 * 24, 1_000_000, Set.of(LIVE));

        assertEquals(3, deleted.size(), deleted.toString());
        assertEquals(List.of("nimbus.log", "worker-live-1700000000-6700.log", "worker-live-1700000000-6700.log.1",
                "worker-recent-1700000000-6700.log"), remaining());
    }

    @Test
    void overTheSizeCapDeletesTheOldestFilesOfDeadWorkersFirstUntilUnder() throws IOException {
        file("worker-live-1700000000-6700.log", 400, 500);      // live: counts, never deleted
        file("worker-a-1700000000-6701.log.1", 100, 300);       // oldest dead
        file("worker-a-1700000000-6701.log", 100, 200);
        file("worker-b-1700000000-6702.log", 100, 100);
        file("worker-c-1700000000-6703.log", 100, 50);          // newest dead

        // 800 KB in all, cap 650 KB: the two oldest dead files go, and then it is under.
        List<Path> deleted = clean(60 * 24 * 7, 650, Set.of(LIVE));

        assertEquals(List.of(root.resolve("worker-a-1700000000-6701.log.1"),
                root.resolve("worker-a-1700000000-6701.log")), deleted);
        assertEquals(List.of("worker-b-1700000000-6702.log", "worker-c-1700000000-6703.log",
                "worker-live-1700000000-6700.log"), remaining());
    }

    @Test
    void aLiveWorkersFilesAloneOverTheCapAndFilesWrittenThisMinuteAreKept() throws IOException {
        file("worker-live-1700000000-6700.log", 300, 500);
        file("worker-new-1700000000-6701.log", 100, 0);         // its worker not seen yet: just written

        assertEquals(List.of(), clean(1, 100, Set.of(LIVE)));
        assertEquals(2, remaining().size());
    }

    @Test
    void badCleanupValuesAreRefusedAtStartNamingTheKey() {
        for (String bad : List.of("logviewer.cleanup.interval.secs=0", "logviewer.cleanup.age.mins=-1",
                "logviewer.max.sum.worker.logs.size.mb=x", "worker.log.max.file.size.mb=0", "worker.log.max.files=1")) {
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> DaemonConfig.load(null, List.of(bad)), bad);
            String key = bad.substring(0, bad.indexOf('='));
            assertTrue(e.getMessage().contains(key), e.getMessage());
        }
        assertEquals(60_000 * 10080L, LogCleaner.Settings.of(DaemonConfig.load(null, List.of())).maxAgeMs());
    }
}
