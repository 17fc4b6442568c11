package io.squall.daemon.logviewer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogFilesTest {
    @TempDir
    Path dir;

    private Path root() throws IOException {
        Path root = Files.createDirectories(dir.resolve("logs"));
        Files.writeString(root.resolve("worker-wc-1700000000-6700.log"), "hello\n");
        Files.writeString(root.resolve("worker-wc-1700000000-6701.log"), "hello\n");
        Files.writeString(root.resolve("worker-other-1700000001-6700.log"), "hi\n");
        Files.writeString(root.resolve("nimbus.log"), "nimbus\n");
        Files.writeString(dir.resolve("secret.txt"), "not a log\n");
        return root;
    }

    private static LogRequestException refused(LogFiles files, String name) {
        return assertThrows(LogRequestException.class, () -> files.resolve(name));
    }

    @Test
    void aWorkerLogResolvesToItsTopologyAndPort() throws IOException {
        LogFiles files = new LogFiles(root());
        LogFiles.LogFile f = files.resolve("worker-wc-1700000000-6701.log");
        assertTrue(f.isWorkerLog());
        assertEquals("wc-1700000000", f.topologyId());
        assertEquals(6701, f.port());
        LogFiles.LogFile daemon = files.resolve("nimbus.log");
        assertFalse(daemon.isWorkerLog());
    }

    @Test
    void aWorkersDumpsAreItsFilesListedWithItsLogs() throws IOException {
        Path root = root();
        String jstack = "worker-wc-1700000000-6701.log.jstack-20261204-195501-123.txt";
        String recording = "worker-wc-1700000000-6701.log.recording-20261204-195502-001.jfr";
        Files.writeString(root.resolve(jstack), "Full thread dump\n");
        Files.writeString(root.resolve(recording), "jfr");
        Files.writeString(root.resolve("worker-wc-1700000000-6701.log.notes.txt"), "not a dump");
        LogFiles files = new LogFiles(root);
        LogFiles.LogFile f = files.resolve(jstack);
        assertTrue(f.isWorkerLog(), "read with the topology's rights");
        assertEquals("wc-1700000000", f.topologyId());
        assertEquals(6701, f.port());
        assertTrue(files.workerLogs("wc-1700000000", 6701).containsAll(List.of(jstack, recording)));
        assertTrue(LogFiles.isDump(jstack) && LogFiles.isDump(recording));
        assertFalse(LogFiles.isDump("worker-wc-1700000000-6701.log"));
        Files.writeString(root.resolve("worker-wc-1700000000-6701.events.log"), "Fri Dec 04,split,3,,[a]\n");
        LogFiles.LogFile events = files.resolve("wc-1700000000/6701/events.log");
        assertEquals(root.resolve("worker-wc-1700000000-6701.events.log").toRealPath(), events.path(),
                "Storm's name of the events log");
        assertEquals("wc-1700000000", events.topologyId());
        assertTrue(files.daemonLogs().contains("worker-wc-1700000000-6701.log.notes.txt"),
                "a file that is neither a log nor a dump stays a daemon's");
    }

    @Test
    void stormsNameOfAWorkersLogNamesTheSameFile() throws IOException {
        Path root = root();
        Files.writeString(root.resolve("worker-wc-1700000000-6701.log.1"), "older\n");
        LogFiles files = new LogFiles(root);
        LogFiles.LogFile f = files.resolve("wc-1700000000/6701/worker.log");
        assertTrue(f.isWorkerLog());
        assertEquals("wc-1700000000", f.topologyId());
        assertEquals(6701, f.port());
        assertEquals(root.resolve("worker-wc-1700000000-6701.log").toRealPath(), f.path());
        assertEquals("wc-1700000000/6701/worker.log", f.name(), "links keep the name asked for");
        assertEquals(root.resolve("worker-wc-1700000000-6701.log.1").toRealPath(),
                files.resolve("wc-1700000000/6701/worker.log.1").path());
        assertEquals(404, refused(files, "wc-1700000000/6799/worker.log").status());
        assertEquals(400, refused(files, "../wc-1700000000/6701/worker.log").status());
        assertEquals(400, refused(files, "wc-1700000000/../../secret.txt").status());
    }

    @Test
    void aFileNamedLikeAWorkersLogIsOneOnlyItselfAndDirectlyInTheRoot() throws IOException {
        Path root = root();
        // A link named like a worker's log to the daemon's log, and a look-alike in a subdirectory, are daemon logs:
        // a topology's viewers must not read them through the topology's name.
        Files.createSymbolicLink(root.resolve("worker-wc-1700000000-6702.log"), root.resolve("nimbus.log"));
        Path sub = Files.createDirectories(root.resolve("old"));
        Files.writeString(sub.resolve("worker-wc-1700000000-6700.log"), "moved\n");
        LogFiles files = new LogFiles(root);
        assertFalse(files.resolve("worker-wc-1700000000-6702.log").isWorkerLog());
        assertFalse(files.resolve("old/worker-wc-1700000000-6700.log").isWorkerLog());
        assertTrue(files.resolve("worker-wc-1700000000-6700.log").isWorkerLog());
    }

    @Test
    void dotDotSegmentsAreRefusedWith400NamingThem() throws IOException {
        LogFiles files = new LogFiles(root());
        for (String name : List.of("../secret.txt", "sub/../../secret.txt", "..", "..\\secret.txt",
                "worker-wc-1700000000-6700.log/..")) {
            LogRequestException e = refused(files, name);
            assertEquals(400, e.status(), name);
            assertTrue(e.getMessage().contains("'..'"), e.getMessage());
        }
    }

    @Test
    void absolutePathsAreRefusedEvenInsideTheRoot() throws IOException {
        Path root = root();
        LogFiles files = new LogFiles(root);
        for (String name : List.of("/etc/passwd", root.resolve("nimbus.log").toString(), "\\etc\\passwd",
                "C:/Windows/win.ini")) {
            LogRequestException e = refused(files, name);
            assertEquals(400, e.status(), name);
            assertTrue(e.getMessage().contains("Absolute paths are refused"), e.getMessage());
        }
    }

    @Test
    void emptyNulAndTheRootItselfAreRefused() throws IOException {
        LogFiles files = new LogFiles(root());
        assertEquals(400, refused(files, null).status());
        assertEquals(400, refused(files, " ").status());
        assertEquals(400, refused(files, "nimbus.log\0.txt").status());
        assertEquals(403, refused(files, ".").status());
        assertEquals(403, refused(files, "./").status());
    }

    @Test
    void aSymlinkLeadingOutOfTheRootIsRefusedWith403() throws IOException {
        Path root = root();
        Files.createSymbolicLink(root.resolve("worker-evil-1700000000-6700.log"), dir.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("up"), dir);
        LogFiles files = new LogFiles(root);
        LogRequestException link = refused(files, "worker-evil-1700000000-6700.log");
        assertEquals(403, link.status());
        assertTrue(link.getMessage().contains("symbolic link"), link.getMessage());
        assertEquals(403, refused(files, "up/secret.txt").status());
        // A link that stays inside the root is fine, and a listing shows no link at all.
        Files.createSymbolicLink(root.resolve("latest.log"), root.resolve("nimbus.log"));
        assertEquals(root.resolve("nimbus.log").toRealPath(), files.resolve("latest.log").path());
        assertEquals(List.of("worker-other-1700000001-6700.log", "worker-wc-1700000000-6700.log",
                "worker-wc-1700000000-6701.log"), files.workerLogs(null, null));
        assertEquals(List.of("nimbus.log"), files.daemonLogs());
    }

    @Test
    void aRootThatIsItselfASymlinkStillServesItsFiles() throws IOException {
        Path root = root();
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), root);
        assertEquals(root.resolve("nimbus.log").toRealPath(), new LogFiles(alias).resolve("nimbus.log").path());
    }

    @Test
    void missingFilesAndDirectoriesAre404() throws IOException {
        Path root = root();
        Files.createDirectories(root.resolve("sub"));
        LogFiles files = new LogFiles(root);
        assertEquals(404, refused(files, "worker-nope-1-6700.log").status());
        assertEquals(404, refused(files, "sub").status());
        assertEquals(List.of(), new LogFiles(dir.resolve("absent")).workerLogs(null, null));
    }

    @Test
    void listingFiltersByTopologyAndPort() throws IOException {
        LogFiles files = new LogFiles(root());
        assertEquals(List.of("worker-wc-1700000000-6700.log", "worker-wc-1700000000-6701.log"),
                files.workerLogs("wc-1700000000", null));
        assertEquals(List.of("worker-wc-1700000000-6701.log"), files.workerLogs("wc-1700000000", 6701));
        assertEquals(List.of("worker-other-1700000001-6700.log", "worker-wc-1700000000-6700.log"),
                files.workerLogs(null, 6700));
        assertEquals(LogFiles.workerLogName("wc-1700000000", 6700), files.workerLogs("wc-1700000000", 6700).get(0));
    }
}
