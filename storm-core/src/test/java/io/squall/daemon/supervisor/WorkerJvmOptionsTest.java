package io.squall.daemon.supervisor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkerJvmOptionsTest {
    @Test
    void boundsTheYoungGenerationWhenTheUsersOptionsDoNotSizeIt() {
        assertEquals(List.of("-Xmx768m", "-XX:+UseG1GC", "-XX:MaxNewSize=256m"),
                WorkerJvmOptions.of(768, " -XX:+UseG1GC ", 256));
        assertEquals(List.of("-Xmx768m", "-Xms4g", "-Xmx4g", "-XX:MaxNewSize=256m"),
                WorkerJvmOptions.of(768, "-Xms4g -Xmx4g", 256));
    }

    @Test
    void keepsTheUsersOwnYoungGenerationSize() {
        for (String own : new String[] {"-Xmn64m", "-XX:NewSize=32m", "-XX:MaxNewSize=1g", "-XX:NewRatio=3",
                "-XX:+UnlockExperimentalVMOptions -XX:G1NewSizePercent=10",
                "-XX:+UnlockExperimentalVMOptions -XX:G1MaxNewSizePercent=20"}) {
            List<String> opts = WorkerJvmOptions.of(768, own, 256);
            assertEquals(1 + own.split(" ").length, opts.size(), "options " + opts);
        }
    }

    @Test
    void takesAtMostHalfOfTheHeapTheLastXmxSets() {
        assertEquals("-XX:MaxNewSize=64m", last(WorkerJvmOptions.of(768, "-Xmx128m", 256)));
        assertEquals("-XX:MaxNewSize=100m", last(WorkerJvmOptions.of(200, "", 256)));
        assertEquals("-XX:MaxNewSize=256m", last(WorkerJvmOptions.of(128, "-Xmx2097152k", 256)));
    }

    @Test
    void zeroAddsNoBound() {
        assertEquals(List.of("-Xmx768m", "-Xms4g"), WorkerJvmOptions.of(768, "-Xms4g", 0));
    }

    @Test
    void theTopologysOptionsComeAfterTheSupervisorsAndTheBoundFollowsTheirHeapOrGoes() {
        assertEquals(List.of("-Xmx768m", "-XX:+UseG1GC", "-Xmx300m", "-Dx=1", "-XX:MaxNewSize=150m"),
                WorkerJvmOptions.of(768, "-XX:+UseG1GC", List.of("-Xmx300m", "-Dx=1"), 256));
        assertEquals(List.of("-Xmx768m", "-Xmn64m"), WorkerJvmOptions.of(768, "", List.of("-Xmn64m"), 256));
    }

    private static String last(List<String> opts) {
        return opts.get(opts.size() - 1);
    }
}
