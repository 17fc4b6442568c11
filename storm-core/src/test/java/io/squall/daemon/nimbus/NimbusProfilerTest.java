package io.squall.daemon.nimbus;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NimbusProfilerTest {
    private final NimbusProfiler profiler = new NimbusProfiler();

    @Test
    void aOneTimeActionIsHandedToItsWorkerOnceAndToNoOtherWorker() {
        profiler.ask("wc", "h1:6700", "dumpjstack", 0, 1000);
        profiler.ask("wc", "h1:6700", "dumpheap", 0, 1000);
        assertEquals(List.of(), profiler.take("wc", "h2:6700", 1500), "another worker");
        assertEquals(List.of(), profiler.take("other", "h1:6700", 1500), "another topology");
        assertEquals(List.of(Map.of("action", "dumpjstack"), Map.of("action", "dumpheap")),
                profiler.take("wc", "h1:6700", 1500));
        assertEquals(List.of(), profiler.take("wc", "h1:6700", 2500), "handed out once");
    }

    @Test
    void aRecordingIsListedUntilItsTimeIsUpOrItIsStopped() {
        profiler.ask("wc", "h1:6700", "start", 2, 1000);
        Map<String, Object> record = Map.of("action", "record", "untilMs", 121_000L);
        assertEquals(List.of(record), profiler.take("wc", "h1:6700", 2000));
        assertEquals(List.of(record), profiler.take("wc", "h1:6700", 3000), "listed at every report while it runs");
        assertEquals(Map.of("h1:6700", 121_000L), profiler.recording("wc", 3000));
        assertEquals(List.of(), profiler.take("wc", "h1:6700", 121_000), "its time is up");
        assertEquals(Map.of(), profiler.recording("wc", 121_000));

        profiler.ask("wc", "h1:6700", "start", 1, 200_000);
        profiler.ask("wc", "h1:6700", "dumpprofile", 0, 200_000);
        assertEquals(List.of(Map.of("action", "record", "untilMs", 260_000L), Map.of("action", "dumpprofile")),
                profiler.take("wc", "h1:6700", 201_000));
        profiler.ask("wc", "h1:6700", "stop", 0, 202_000);
        assertEquals(List.of(Map.of("action", "stop")), profiler.take("wc", "h1:6700", 203_000));
        assertEquals(List.of(), profiler.take("wc", "h1:6700", 204_000));
    }

    @Test
    void whatIsPendingIsTheRecordingInProgressAndTheActionsNotTakenYet() {
        profiler.ask("wc", "h1:6700", "start", 2, 1000);
        profiler.ask("wc", "h1:6700", "dumpjstack", 0, 1500);
        profiler.ask("wc", "h2:6700", "dumpheap", 0, 1600);
        assertEquals(Map.of("h1:6700", Map.of("recordingUntilMs", 121_000L, "asked",
                        List.of(Map.of("action", "dumpjstack", "askedMs", 1500L))),
                "h2:6700", Map.of("asked", List.of(Map.of("action", "dumpheap", "askedMs", 1600L)))),
                profiler.pending("wc", 2000));
        profiler.take("wc", "h1:6700", 2000);
        profiler.take("wc", "h2:6700", 2000);
        assertEquals(Map.of("h1:6700", Map.of("recordingUntilMs", 121_000L)), profiler.pending("wc", 2000),
                "the dumps taken; the recording runs on");
        assertEquals(Map.of(), profiler.pending("wc", 121_000), "its time is up");
        assertEquals(Map.of(), profiler.pending("other", 2000));
    }

    @Test
    void badRequestsAreRefusedNamingWhatToGive() {
        NimbusException unknown = assertThrows(NimbusException.class,
                () -> profiler.ask("wc", "h1:6700", "flamegraph", 0, 0));
        assertEquals(400, unknown.status());
        assertTrue(unknown.getMessage().contains("dumpjstack"), unknown.getMessage());
        NimbusException noTime = assertThrows(NimbusException.class,
                () -> profiler.ask("wc", "h1:6700", "start", 0, 0));
        assertTrue(noTime.getMessage().contains("whole number of minutes"), noTime.getMessage());
        profiler.ask("wc", "h1:6700", "dumpjstack", 0, 0);
        profiler.forget("wc");
        assertEquals(List.of(), profiler.take("wc", "h1:6700", 1), "forgotten with its topology");
    }
}
