package io.squall.daemon.supervisor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TopologyWorkerLaunchTest {
    @Test
    void stormsPlaceholdersAreSubstitutedInTheChildoptsAndTheGcOptionsFollow() {
        TopologyWorkerLaunch l = TopologyWorkerLaunch.of(Map.of(
                "topology.worker.childopts", " -Dport=%ID% -Dp=%WORKER-PORT%  -Dt=%TOPOLOGY-ID% -Dw=%WORKER-ID% ",
                "topology.worker.gc.childopts", List.of("-Xloggc:gc-%ID%.log", "-XX:+UseG1GC"),
                "topology.environment", Map.of("A", "1", "B", 2)), "wc-1-17", 6701, 512);
        assertEquals(List.of("-Dport=6701", "-Dp=6701", "-Dt=wc-1-17", "-Dw=wc-1-17-6701", "-Xloggc:gc-6701.log",
                "-XX:+UseG1GC"), l.jvmOptions());
        assertEquals(Map.of("A", "1", "B", "2"), l.environment());
        assertEquals(List.of(), l.classpath());
    }

    @Test
    void aListKeepsAnOptionWithSpacesWholeAndTheClasspathTakesEitherForm() {
        TopologyWorkerLaunch l = TopologyWorkerLaunch.of(Map.of(
                "topology.worker.childopts", List.of("-Dname=a b", "-Xmx%HEAP-MEM%m"),
                "topology.classpath", "/opt/a.jar /opt/b/*"), "t-1-1", 6700, 768);
        assertEquals(List.of("-Dname=a b", "-Xmx768m"), l.jvmOptions());
        assertEquals(List.of("/opt/a.jar", "/opt/b/*"), l.classpath());
        assertEquals(List.of("/opt/c.jar"), TopologyWorkerLaunch.of(Map.of("topology.classpath",
                List.of("/opt/c.jar")), "t-1-1", 6700, 768).classpath());
    }

    @Test
    void aTopologyThatSetsNoneAddsNothing() {
        TopologyWorkerLaunch l = TopologyWorkerLaunch.of(Map.of(), "t-1-1", 6700, 768);
        assertEquals(List.of(), l.jvmOptions());
        assertEquals(Map.of(), l.environment());
        assertEquals(List.of(), l.classpath());
    }
}
