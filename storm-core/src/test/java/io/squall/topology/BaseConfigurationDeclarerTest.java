package io.squall.topology;

import io.squall.Config;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A declarer of one's own built on Storm's BaseConfigurationDeclarer writes every setting under Storm's key. */
class BaseConfigurationDeclarerTest {
    /** A declarer backed by a plain map, as a custom builder would write one. */
    static final class MapDeclarer extends BaseConfigurationDeclarer<MapDeclarer> {
        final Map<String, Object> conf = new HashMap<>();

        @Override
        public MapDeclarer addConfigurations(Map<String, Object> more) {
            conf.putAll(more);
            return this;
        }

        @Override
        public Map<String, Object> getComponentConfiguration() {
            return conf;
        }
    }

    @Test
    void settingsGoThroughAddConfigurationsUnderStormsKeys() {
        MapDeclarer d = new MapDeclarer();
        assertSame(d, d.setDebug(true).setMaxTaskParallelism(4.7).setMaxSpoutPending(100L).setNumTasks(8)
                .addConfiguration("my.key", "v"));
        assertEquals(true, d.conf.get(Config.TOPOLOGY_DEBUG));
        assertEquals(4, d.conf.get(Config.TOPOLOGY_MAX_TASK_PARALLELISM));
        assertEquals(100, d.conf.get(Config.TOPOLOGY_MAX_SPOUT_PENDING));
        assertEquals(8, d.conf.get(Config.TOPOLOGY_TASKS));
        assertEquals("v", d.conf.get("my.key"));
        d.setNumTasks(null);
        assertEquals(true, d.conf.containsKey(Config.TOPOLOGY_TASKS));
        assertEquals(null, d.conf.get(Config.TOPOLOGY_TASKS));
    }

    @Test
    void resourceRequestsAreRecordedInTheResourcesMap() {
        MapDeclarer d = new MapDeclarer().setCPULoad(25).setMemoryLoad(256).addResource("gpu.count", 1);
        assertEquals(Map.of(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, 25.0,
                        Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, 256.0, "gpu.count", 1.0),
                d.conf.get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
        assertEquals(256.0, d.conf.get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB));
    }
}
