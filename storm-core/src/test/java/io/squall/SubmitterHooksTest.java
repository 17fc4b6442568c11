package io.squall;

import io.squall.hooks.SubmitterHookException;
import io.squall.testing.TestWordCounter;
import io.squall.testing.TestWordSpout;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.topology.TopologyInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubmitterHooksTest {
    /** Records what it is told. */
    public static class Recording implements ISubmitterHook {
        static final List<Object[]> TOLD = new CopyOnWriteArrayList<>();

        @Override
        public void notify(TopologyInfo info, Map<String, Object> topoConf, StormTopology topology) {
            TOLD.add(new Object[] {info.get_name(), topoConf.get("mark"), topology});
        }
    }

    /** Refuses every topology. */
    public static class Refusing implements ISubmitterHook {
        @Override
        public void notify(TopologyInfo info, Map<String, Object> topoConf, StormTopology topology)
                throws IllegalAccessException {
            throw new IllegalAccessException("no catalogue for " + info.get_name());
        }
    }

    private static StormTopology topology() {
        TopologyBuilder b = new TopologyBuilder();
        b.setSpout("words", new TestWordSpout());
        b.setBolt("count", new TestWordCounter()).shuffleGrouping("words");
        return b.createTopology();
    }

    @Test
    void theConfiguredHookIsToldOfEachSubmittedTopologyAndAFailingOneFailsTheSubmitNamingIt() {
        Recording.TOLD.clear();
        StormTopology topology = topology();
        try (LocalCluster cluster = new LocalCluster()) {
            Config conf = new Config();
            conf.put(Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN, Recording.class.getName());
            conf.put("mark", "first");
            cluster.submitTopology("told", conf, topology);
            assertEquals(1, Recording.TOLD.size());
            assertEquals("told", Recording.TOLD.get(0)[0]);
            assertEquals("first", Recording.TOLD.get(0)[1]);
            assertSame(topology, Recording.TOLD.get(0)[2]);
            cluster.submitTopology("untold", new Config(), topology());
            assertEquals(1, Recording.TOLD.size(), "no hook configured, none called");

            conf.put(Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN, Refusing.class.getName());
            SubmitterHookException refused = assertThrows(SubmitterHookException.class,
                    () -> cluster.submitTopology("refused", conf, topology()));
            assertTrue(refused.getMessage().contains(Refusing.class.getName())
                    && refused.getMessage().contains("no catalogue for refused"), refused.getMessage());

            conf.put(Config.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN, "no.such.Hook");
            SubmitterHookException missing = assertThrows(SubmitterHookException.class,
                    () -> cluster.submitTopology("missing", conf, topology()));
            assertTrue(missing.getMessage().contains("no.such.Hook")
                    && missing.getMessage().contains("no-argument constructor"), missing.getMessage());
        }
    }
}
