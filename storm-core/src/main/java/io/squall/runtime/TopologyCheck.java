package io.squall.runtime;

import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;
import io.squall.runtime.routing.KeyGroups;
import io.squall.runtime.stats.MetricsSettings;
import io.squall.runtime.windowing.StatefulWindowedBoltRunner;
import io.squall.runtime.windowing.WindowSpec;
import io.squall.runtime.windowing.WindowedBoltRunner;
import io.squall.serialization.KryoFactory;
import io.squall.spout.CheckpointSpout;
import io.squall.state.StateFactory;
import io.squall.topology.ComponentSpec;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.StatefulWindowedBoltExecutor;
import io.squall.topology.StormTopology;
import io.squall.topology.WindowedBoltExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything about a topology that can be checked before a thread starts: the configuration and each
 * component's own, that every component's code loads, the Kryo registrations, and that windowed bolts fit
 * the message timeout and max.spout.pending. Nimbus runs it at submit, so a bad topology is refused with
 * the message instead of failing in its workers; a worker runs it again when it starts.
 */
public final class TopologyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyCheck.class);

    private TopologyCheck() {
    }

    /**
     * A checked topology.
     *
     * @param componentConf     each component's configuration: the topology's, overridden by its own
     * @param componentSettings each component's settings, read from its configuration
     */
    public record Checked(TopologySettings settings, MetricsSettings metricsSettings,
                          Map<String, Map<String, Object>> componentConf,
                          Map<String, TopologySettings> componentSettings) {
    }

    /**
     * Checks {@code topology} with configuration {@code conf}, loading its code through {@code loader}.
     *
     * @throws InvalidConfigException naming the key or component that is wrong
     * @throws io.squall.topology.InvalidTopologyException if a component's code cannot be loaded
     */
    public static Checked check(StormTopology topology, Map<String, Object> conf, ClassLoader loader) {
        TopologySettings settings = TopologySettings.from(conf);
        MetricsSettings metrics = MetricsSettings.from(conf);
        KryoFactory.create(settings, loader);
        Map<String, Map<String, Object>> componentConf = new HashMap<>();
        Map<String, TopologySettings> componentSettings = new HashMap<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            Map<String, Object> merged = new HashMap<>(conf);
            merged.putAll(c.getConfig());
            try {
                TopologySettings s = TopologySettings.from(merged);
                Object instance = c.newInstance(loader);
                if (instance instanceof WindowedBoltExecutor w) {
                    WindowedBoltRunner.windowSpec(w.getBolt(), merged).checkFits(c.getId(), s.ackingEnabled(),
                            s.timeoutsEnabled() ? s.messageTimeoutSecs() : 0, s.maxSpoutPending());
                } else if (instance instanceof StatefulWindowedBoltExecutor<?> sw) {
                    checkStatefulWindows(c.getId(), sw.getBolt(), merged, s);
                }
                componentSettings.put(c.getId(), s);
            } catch (InvalidConfigException e) {
                throw new InvalidConfigException("Component '" + c.getId() + "': " + e.getMessage());
            }
            componentConf.put(c.getId(), merged);
        }
        if (topology.getComponent(CheckpointSpout.CHECKPOINT_COMPONENT_ID) != null) {
            checkState(conf, settings, loader);
            checkKeyGroups(topology, conf);
            String warning = CheckpointSpout.timeoutWarning(conf);
            if (warning != null) {
                LOG.warn("Topology {}: {}", conf.get(ConfigKeys.TOPOLOGY_NAME.name()), warning);
            }
        }
        return new Checked(settings, metrics, componentConf, componentSettings);
    }

    /**
     * A stateful windowed bolt without persistence holds its tuples as a windowed bolt does. With persistence it
     * acks each tuple at the commit after its arrival, whatever the window: the message timeout need only cover
     * two checkpoint intervals, and a count window need not fit in {@code topology.max.spout.pending}.
     */
    private static void checkStatefulWindows(String id, IStatefulWindowedBolt<?> bolt, Map<String, Object> conf,
                                             TopologySettings s) {
        StatefulWindowedBoltRunner.check(id, bolt, conf);
        WindowSpec spec = WindowedBoltRunner.windowSpec(bolt, conf);
        if (!bolt.isPersistent()) {
            spec.checkFits(id, s.ackingEnabled(), s.timeoutsEnabled() ? s.messageTimeoutSecs() : 0,
                    s.maxSpoutPending());
            return;
        }
        Object v = conf.get(ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.name());
        long intervalMs = ((Number) (v instanceof Number ? v
                : ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.defaultValue())).longValue();
        if (s.ackingEnabled() && s.timeoutsEnabled() && s.messageTimeoutSecs() * 1000L < 2 * intervalMs) {
            throw new InvalidConfigException("Stateful windowed bolt '" + id + "' persists its windows and acks each "
                    + "tuple at the checkpoint after it arrives, up to two checkpoint intervals (" + 2 * intervalMs
                    + " ms) later, longer than topology.message.timeout.secs = " + s.messageTimeoutSecs() + " s: raise "
                    + "topology.message.timeout.secs or lower topology.state.checkpoint.interval.ms");
        }
    }

    /** A keyed stateful bolt has at most one task per key group. */
    private static void checkKeyGroups(StormTopology topology, Map<String, Object> conf) {
        int groups = KeyGroups.count(conf);
        for (ComponentSpec c : topology.getComponents().values()) {
            if (c.getStateScope() == ComponentSpec.StateScope.KEY_GROUP && c.getNumTasks() > groups) {
                throw new InvalidConfigException("Stateful bolt '" + c.getId() + "' has " + c.getNumTasks()
                        + " tasks, more than its topology.state.key.groups = " + groups + ": each task owns at least "
                        + "one key group, so raise topology.state.key.groups to at least " + c.getNumTasks()
                        + " or give the bolt fewer tasks");
            }
        }
    }

    /** A topology with stateful bolts needs acking (checkpoints are tuple trees) and a usable state provider. */
    private static void checkState(Map<String, Object> conf, TopologySettings settings, ClassLoader loader) {
        if (!settings.ackingEnabled()) {
            throw new InvalidConfigException("The topology has stateful bolts, whose checkpoints need acking: "
                    + "topology.acker.executors must not be 0");
        }
        try {
            StateFactory.check(conf, loader);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("The topology's stateful bolts cannot keep state: " + e.getMessage());
        }
    }
}
