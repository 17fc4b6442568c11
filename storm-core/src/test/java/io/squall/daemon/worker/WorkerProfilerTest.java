package io.squall.daemon.worker;

import io.squall.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerProfilerTest {
    @TempDir
    Path logs;

    private List<Path> dumps(String kind) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> f.getFileName().toString().startsWith("worker-wc-1-6700.log." + kind + "-"))
                    .toList();
        }
    }

    @Test
    void writesThreadAndHeapDumpsBesideTheWorkersLog() throws IOException {
        WorkerProfiler p = new WorkerProfiler(logs.resolve("worker-wc-1-6700.log"), status -> { });
        p.apply(List.of(Map.of("action", "dumpjstack"), Map.of("action", "dumpheap")), 0);
        List<Path> jstack = dumps("jstack");
        assertEquals(1, jstack.size());
        assertTrue(jstack.get(0).getFileName().toString().endsWith(".txt"), jstack.toString());
        String text = Files.readString(jstack.get(0));
        assertTrue(text.contains("Full thread dump"), text);
        assertTrue(text.contains("\"" + Thread.currentThread().getName() + "\""), "this thread is in it");
        assertTrue(text.contains("java.lang.Thread.State: RUNNABLE"), text);
        assertTrue(text.contains("at io.squall.daemon.worker.WorkerProfiler"), "frames as jstack prints them");
        List<Path> heap = dumps("heap");
        assertEquals(1, heap.size());
        assertTrue(Files.size(heap.get(0)) > 1000, "an HPROF file");
    }

    @Test
    void recordsUntilStoppedOrItsTimeIsUpAndDumpsWhatItHeldSoFar() throws IOException {
        WorkerProfiler p = new WorkerProfiler(logs.resolve("worker-wc-1-6700.log"), status -> { });
        p.apply(List.of(Map.of("action", "record", "untilMs", 60_000L)), 1_000);
        assertTrue(p.recording());
        p.apply(List.of(Map.of("action", "record", "untilMs", 60_000L), Map.of("action", "dumpprofile")), 2_000);
        assertTrue(p.recording(), "a dump keeps it running");
        assertEquals(1, dumps("recording").size());
        p.apply(List.of(Map.of("action", "stop")), 3_000);
        assertFalse(p.recording());
        assertEquals(2, dumps("recording").size(), "the stopped recording written");

        p.apply(List.of(Map.of("action", "record", "untilMs", 10_000L)), 5_000);
        assertTrue(p.recording());
        p.apply(List.of(Map.of("action", "record", "untilMs", 10_000L)), 10_000);
        assertFalse(p.recording(), "its time is up");
        assertEquals(3, dumps("recording").size());
        assertTrue(Files.size(dumps("recording").get(0)) > 0);
    }

    @Test
    void aRestartEndsTheJvmWithItsStatusAndAnUnknownActionIsIgnored() {
        AtomicInteger exited = new AtomicInteger(-1);
        WorkerProfiler p = new WorkerProfiler(logs.resolve("worker-wc-1-6700.log"), exited::set);
        p.apply(List.of(Map.of("action", "flamegraph"), Map.of("action", "restartworker")), 0);
        Await.until(Duration.ofSeconds(10), () -> exited.get() == WorkerProfiler.RESTART_STATUS,
                () -> "the exit status, not " + exited.get());
    }
}
