package io.squall.trident;

import io.squall.Config;
import io.squall.topology.SharedOnHeap;
import io.squall.topology.StormTopology;
import io.squall.trident.operation.DefaultResourceDeclarer;
import io.squall.trident.operation.builtin.Count;
import io.squall.trident.planner.Graph;
import io.squall.trident.testing.FixedBatchSpout;
import io.squall.trident.testing.MemoryMapState;
import io.squall.trident.testing.Split;
import io.squall.trident.testing.TrueFilter;
import io.squall.tuple.Fields;
import io.squall.tuple.Values;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Stream names, and Storm's resource requests recorded on the bolts that run the operations. */
class TridentResourcesTest {
    private static final String CPU = Config.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT;
    private static final String ON_HEAP = Config.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB;
    private static final String OFF_HEAP = Config.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB;

    private static FixedBatchSpout spout() {
        return new FixedBatchSpout(new Fields("sentence"), 2, new Values("a b"));
    }

    private static Map<String, Object> conf(StormTopology t, String component) {
        return t.getComponent(component).getConfig();
    }

    @Test
    void aNameCarriesOnToTheStreamsMadeFromTheNamedOne() {
        TridentTopology t = new TridentTopology();
        Stream s = t.newStream("names", spout());
        assertNull(s.getName());
        Stream named = s.name("sentences");
        assertEquals("sentences", named.getName());
        Stream words = named.each(new Fields("sentence"), new Split(), new Fields("word")).shuffle();
        assertEquals("sentences", words.getName());
        assertEquals("sentences", words.groupBy(new Fields("word")).persistentAggregate(new MemoryMapState.Factory(),
                new Count(), new Fields("count")).newValuesStream().getName());
        assertNull(t.merge(words, words).getName(), "a merge starts a stream of its own");
    }

    @Test
    void sumsTheRequestsOfAPartsOperationsAndFillsInTheDefaults() {
        TridentTopology t = new TridentTopology();
        t.setResourceDefaults(new DefaultResourceDeclarer<>().setCPULoad(10).setMemoryLoad(64, 16));
        t.setMasterCoordResources(new DefaultResourceDeclarer<>().setCPULoad(5));
        Stream words = t.newStream("resources", spout())
                .setCPULoad(20)
                .each(new Fields("sentence"), new Split(), new Fields("word"))
                .setCPULoad(30).setMemoryLoad(128)
                .addSharedMemory(new SharedOnHeap(100, "cache"));
        TridentState counts = words.partitionBy(new Fields("word")).name("counts")
                .groupBy(new Fields("word"))
                .persistentAggregate(new MemoryMapState.Factory(), new Count(), new Fields("count"))
                .setMemoryLoad(512, 256);
        counts.newValuesStream().shuffle().name("plain").each(new Fields("word"), new TrueFilter());
        StormTopology built = t.build();

        Map<String, Object> spoutPart = conf(built, "$spout-resources");
        assertEquals(50.0, spoutPart.get(CPU), "the spout's and the split's requests add up");
        assertEquals(128.0, spoutPart.get(ON_HEAP));
        assertEquals(16.0, spoutPart.get(OFF_HEAP), "none of its operations asks for off-heap: the default");
        assertEquals(Set.of(Graph.COORDINATOR_ID, "$spout-resources", "b-1-counts", "b-2", "b-3-plain"),
                built.getComponents().keySet(), "the combiner's partial counts move to the state's own part");
        assertEquals(10.0, conf(built, "b-1-counts").get(CPU));
        Map<String, Object> statePart = conf(built, "b-2");
        assertEquals(10.0, statePart.get(CPU));
        assertEquals(512.0, statePart.get(ON_HEAP));
        assertEquals(256.0, statePart.get(OFF_HEAP));
        Map<String, Object> plainPart = conf(built, "b-3-plain");
        assertEquals(10.0, plainPart.get(CPU));
        assertEquals(64.0, plainPart.get(ON_HEAP));
        Map<String, Object> coordinator = conf(built, Graph.COORDINATOR_ID);
        assertEquals(5.0, coordinator.get(CPU), "the coordinator's own request over the default");
        assertEquals(64.0, coordinator.get(ON_HEAP));
    }

    @Test
    void recordsNothingWhenNothingIsRequested() {
        TridentTopology t = new TridentTopology();
        t.newStream("no-resources", spout()).each(new Fields("sentence"), new TrueFilter());
        TridentState lookup = t.newStaticState(new MemoryMapState.Factory()).setCPULoad(50);
        t.newStream("queries", spout()).stateQuery(lookup, new Fields("sentence"),
                new io.squall.trident.operation.builtin.MapGet(), new Fields("found"));
        StormTopology built = t.build();
        for (String component : built.getComponents().keySet()) {
            assertFalse(conf(built, component).containsKey(CPU), component + ": " + conf(built, component));
        }
    }
}
