package io.squall.topology;

import io.squall.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Storm's static helpers of the topology package, as a Storm topology calls them. */
class StormTopologyHelpersTest {
    @TempDir
    Path dir;

    @Test
    void loadConfReadsAYamlMapIntoTheConfigAndReturnsIt() throws Exception {
        Path file = Files.writeString(dir.resolve("conf.yaml"), "topology.workers: 3\nmy.list: [a, b]\n");
        Config conf = new Config();
        conf.put("kept", true);
        assertSame(conf, ConfigurableTopology.loadConf(file.toString(), conf));
        assertEquals(3, conf.get(Config.TOPOLOGY_WORKERS));
        assertEquals(List.of("a", "b"), conf.get("my.list"));
        assertEquals(true, conf.get("kept"));
    }

    @Test
    void loadConfTakesAFluxFilesConfigSection() throws Exception {
        Path file = Files.writeString(dir.resolve("flux.yaml"), "config:\n  topology.workers: 2\n  x: y\n");
        Config conf = ConfigurableTopology.loadConf(file.toString(), new Config());
        assertEquals(2, conf.get(Config.TOPOLOGY_WORKERS));
        assertEquals("y", conf.get("x"));
        assertFalse(conf.containsKey("config"));
    }

    @Test
    void loadConfOfAnEmptyFileAddsNothingAndOfNoFileThrowsFileNotFound() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertEquals(0, ConfigurableTopology.loadConf(empty.toString(), new Config()).size());
        assertThrows(FileNotFoundException.class,
                () -> ConfigurableTopology.loadConf(dir.resolve("missing.yaml").toString(), new Config()));
    }

    @Test
    void aReportedFailedExceptionMayBeMadeWithoutArguments() {
        ReportedFailedException e = new ReportedFailedException();
        assertEquals(new FailedException().getMessage(), e.getMessage()); // Squall's FailedException's default.
        assertInstanceOf(FailedException.class, e);
    }
}
