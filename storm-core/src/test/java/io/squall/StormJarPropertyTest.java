package io.squall;

import io.squall.config.ConfigKeys;
import io.squall.errors.SquallException;
import io.squall.topology.TopologyBuilder;
import io.squall.testing.TestWordSpout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Storm's {@code storm.jar} system property: a program that sets it submits to the cluster of its configuration with
 * that JAR, as Storm's submitter does outside the {@code jar} command (Storm's integration tests submit so).
 */
class StormJarPropertyTest {
    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(SquallSubmitter.JAR_PROPERTY);
        System.clearProperty("squall.conf.file");
    }

    @Test
    void theJarPropertyNamesTheJarAndTheConfigurationNamesTheCluster() throws Exception {
        assertNull(SquallSubmitter.remoteOfJarProperty(), "no property, no cluster");
        Path conf = Files.writeString(dir.resolve("squall.yaml"), "nimbus.seeds: [\"127.0.0.1:1\"]\n");
        System.setProperty("squall.conf.file", conf.toString());
        System.setProperty(SquallSubmitter.JAR_PROPERTY, dir.resolve("topology.jar").toString());
        SquallSubmitter.Remote remote = SquallSubmitter.remoteOfJarProperty();
        assertEquals(dir.resolve("topology.jar"), remote.jar());
        assertEquals(List.of("127.0.0.1:1"), remote.conf().getStrings(ConfigKeys.NIMBUS_SEEDS));
    }

    @Test
    void aSubmissionWithTheJarPropertyGoesToTheConfiguredNimbus() throws Exception {
        Path conf = Files.writeString(dir.resolve("squall.yaml"), "nimbus.seeds: [\"127.0.0.1:1\"]\n");
        Path jar = Files.write(dir.resolve("topology.jar"), new byte[0]);
        System.setProperty("squall.conf.file", conf.toString());
        System.setProperty(SquallSubmitter.JAR_PROPERTY, jar.toString());
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        assertFalse(SquallSubmitter.isLocalOverride(), "no LocalCluster left open by an earlier test");
        SquallException e = assertThrows(SquallException.class,
                () -> SquallSubmitter.submitTopology("t", Map.of(), b.createTopology()));
        assertTrue(e.getMessage().contains("127.0.0.1:1"), "it went to the configured Nimbus: " + e.getMessage());
    }
}
