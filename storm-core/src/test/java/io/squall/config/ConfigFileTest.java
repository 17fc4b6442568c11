package io.squall.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    private static final Path YAML = Path.of("..", "conf", "squall.yaml");

    @Test
    void confSquallYamlDocumentsEveryKeyAndLoadsCleanly() throws IOException {
        String yaml = Files.readString(YAML);
        List<String> missing = new ArrayList<>();
        for (String key : ConfigKeys.all().keySet()) {
            if (!Pattern.compile("(?m)^#? ?" + Pattern.quote(key) + ":").matcher(yaml).find()) {
                missing.add(key);
            }
        }
        assertEquals(List.of(), missing, "keys missing from conf/squall.yaml");
        DaemonConfig conf = DaemonConfig.load(YAML, List.of());
        assertEquals(List.of(6700, 6701, 6702, 6703), conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS));
        assertEquals("/squall", conf.getString(ConfigKeys.STORM_ZOOKEEPER_ROOT));
    }

    @Test
    void overridesAreTypedAndCheckedAgainstTheCatalog() {
        DaemonConfig conf = DaemonConfig.load(null, List.of("nimbus.port=7000", "supervisor.slots.ports=[1, 2]",
                "worker.childopts=-Xss1m -XX:+UseSerialGC"));
        assertEquals(7000, conf.getInt(ConfigKeys.NIMBUS_PORT));
        assertEquals(List.of(1, 2), conf.getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS));
        assertEquals("-Xss1m -XX:+UseSerialGC", conf.getString(ConfigKeys.WORKER_CHILDOPTS));
        InvalidConfigException wrongType = assertThrows(InvalidConfigException.class,
                () -> DaemonConfig.load(null, List.of("nimbus.port=seven")));
        assertTrue(wrongType.getMessage().contains("nimbus.port"), wrongType.getMessage());
        assertThrows(InvalidConfigException.class, () -> DaemonConfig.load(null, List.of("no-equals-sign")));
        InvalidConfigException notInts = assertThrows(InvalidConfigException.class, () -> DaemonConfig.load(null,
                List.of("supervisor.slots.ports=[a]")).getInts(ConfigKeys.SUPERVISOR_SLOTS_PORTS));
        assertTrue(notInts.getMessage().contains("list of integers"), notInts.getMessage());
        assertEquals(Map.of("a", "b=c"), DaemonConfig.parseOverrides(List.of("a=b=c")));
    }

    @Test
    void aConfigFileThatIsNotAMapIsRejectedNamingTheFile() throws IOException {
        Path bad = Files.createTempFile("squall", ".yaml");
        try {
            Files.writeString(bad, "- just\n- a list\n");
            InvalidConfigException e = assertThrows(InvalidConfigException.class,
                    () -> DaemonConfig.load(bad, List.of()));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
        } finally {
            Files.delete(bad);
        }
    }
}
