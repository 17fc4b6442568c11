package io.squall.topology;

import io.squall.Config;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Storm's generic resource requests and getComponentConfiguration on the declarers. */
class ResourceDeclarerTest {

    @Test
    void resourcesAreRecordedUnderStormsKeyAsDoubles() {
        TopologyBuilder builder = new TopologyBuilder();
        SpoutDeclarer spout = builder.setSpout("word", new TestWordSpout());
        assertSame(spout, spout.addResource("gpu.count", 2));
        spout.addResources(Map.of("fpga.count", 1.0, "gpu.count", 3.0)).addResource("disk.gb", 10L);
        Map<String, Double> expected = Map.of("gpu.count", 3.0, "fpga.count", 1.0, "disk.gb", 10.0);
        assertEquals(expected, spout.getComponentConfiguration().get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
        builder.setBolt("count", new TestWordCounter()).shuffleGrouping("word");
        StormTopology topology = builder.createTopology();
        assertEquals(expected, topology.getComponent("word").getConfig().get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
        assertNull(topology.getComponent("count").getConfig().get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
    }

    @Test
    void memoryAndCpuRequestsAlsoGoInTheResourcesMapAsInStorm() {
        BoltDeclarer bolt = new TopologyBuilder().setBolt("count", new TestWordCounter())
                .setMemoryLoad(128, 32).setCPULoad(50).addResource("gpu.count", 1);
        Map<String, Object> conf = bolt.getComponentConfiguration();
        assertEquals(Map.of(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB, 128.0,
                        Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB, 32.0,
                        Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT, 50.0, "gpu.count", 1.0),
                conf.get(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
        assertEquals(128.0, conf.get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB));
        assertEquals(50.0, conf.get(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT));
    }

    @Test
    void nullOrEmptyRequestsAddNothing() {
        BoltDeclarer bolt = new TopologyBuilder().setBolt("count", new TestWordCounter());
        bolt.addResources(null).addResources(Map.of()).setMemoryLoad(null).setCPULoad(null).setMemoryLoad(null, null);
        assertFalse(bolt.getComponentConfiguration().containsKey(Config.TOPOLOGY_COMPONENT_RESOURCES_MAP));
        assertFalse(bolt.getComponentConfiguration().containsKey(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT));
    }

    @Test
    void getComponentConfigurationHasTheComponentsOwnConfigUnderTheDeclaredWithStormsTypes() {
        TestWordCounter counter = new TestWordCounter() {
            @Override
            public Map<String, Object> getComponentConfiguration() {
                Map<String, Object> own = new HashMap<>();
                own.put("my.key", "own");
                own.put("other.key", 1);
                return own;
            }
        };
        BoltDeclarer bolt = new TopologyBuilder().setBolt("count", counter)
                .addConfiguration("my.key", "declared").setMaxSpoutPending(7).setDebug(true);
        Map<String, Object> conf = bolt.getComponentConfiguration();
        assertEquals("declared", conf.get("my.key"));
        assertEquals(1L, conf.get("other.key"));
        assertEquals(7L, conf.get(Config.TOPOLOGY_MAX_SPOUT_PENDING));
        assertEquals(true, conf.get(Config.TOPOLOGY_DEBUG));
        conf.put("my.key", "changed"); // a copy, as in Storm
        assertEquals("declared", bolt.getComponentConfiguration().get("my.key"));
    }

    @Test
    void declarersAreResourceDeclarers() {
        ResourceDeclarer<?> declarer = new TopologyBuilder().setSpout("word", new TestWordSpout());
        assertInstanceOf(SpoutDeclarer.class, declarer.setCPULoad(10));
    }
}
