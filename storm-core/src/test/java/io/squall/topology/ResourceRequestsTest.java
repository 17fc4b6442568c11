package io.squall.topology;

import io.squall.Config;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Storm's resource requests compile and are kept in the components' configuration, with no other effect. */
class ResourceRequestsTest {
    @Test
    void memoryAndCpuRequestsAreKeptInTheComponentsConfiguration() {
        TopologyBuilder builder = new TopologyBuilder();
        builder.setSpout("word", new TestWordSpout(), 2).setCPULoad(20).setMemoryLoad(64, 16);
        builder.setBolt("count", new TestWordCounter()).shuffleGrouping("word").setMemoryLoad(100)
                .addSharedMemory(new SharedOnHeap(100, "cache"))
                .addSharedMemory(new SharedOffHeapWithinNode(500, "node-cache"));
        StormTopology topology = builder.createTopology();
        Map<String, Object> spout = topology.getComponent("word").getConfig();
        assertEquals(20.0, spout.get(Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT));
        assertEquals(64.0, spout.get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB));
        assertEquals(16.0, spout.get(Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB));
        assertEquals(100.0, topology.getComponent("count").getConfig()
                .get(Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB));
    }

    @Test
    void sharedMemoryRequestsAreChecked() {
        assertEquals(500.0, new SharedOffHeapWithinNode(500, "n").get_off_heap_node());
        assertEquals(7.0, new SharedOffHeapWithinWorker(7, "w").get_off_heap_worker());
        assertThrows(IllegalArgumentException.class, () -> new SharedOnHeap(-1, "x"));
        assertThrows(IllegalArgumentException.class, () -> new SharedOnHeap(1, ""));
        Config conf = new Config();
        conf.setTopologyPriority(29);
        conf.setTopologyStrategy("org.example.Strategy");
        assertEquals(29, conf.get(Config.TOPOLOGY_PRIORITY));
    }
}
