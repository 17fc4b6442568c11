package io.squall.runtime;

import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;
import io.squall.config.TopologySettings;
import io.squall.metric.V1Metrics;
import io.squall.runtime.routing.KeyGroups;
import io.squall.runtime.stats.MetricsSettings;
import io.squall.runtime.windowing.StatefulWindowedBoltRunner;
import io.squall.runtime.windowing.WindowSpec;
import io.squall.runtime.windowing.WindowedBoltRunner;
import io.squall.serialization.KryoFactory;
import io.squall.spout.CheckpointSpout;
import io.squall.state.StateFactory;
import io.squall.grouping.PartialKeyGrouping;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.InvalidTopologyException;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.StatefulWindowedBoltExecutor;
import io.squall.topology.StormTopology;
import io.squall.topology.StreamSpec;
import io.squall.topology.WindowedBoltExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything about a topology that can be checked before a thread starts: the configuration and each
 * component's own, that every component's code loads, the Kryo registrations, and that windowed bolts fit
 * the message timeout and max.spout.pending. Nimbus runs it at submit, so a bad topology is refused with
 * the message instead of failing in its workers; a worker runs it again when it starts.
 */
public final class TopologyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(TopologyCheck.class);

    /** The keys Storm merges from every component into the topology's configuration. */
    private static final List<String> KRYO_KEYS = List.of(ConfigKeys.TOPOLOGY_KRYO_REGISTER.name(),
            ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name());

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
        checkStructure(topology);
        conf = withComponentsKryo(topology, conf);
        TopologySettings settings = TopologySettings.from(conf);
        MetricsSettings metrics = MetricsSettings.from(conf);
        KryoFactory.create(settings, conf, loader);
        try {
            V1Metrics.checkConsumers(conf, loader);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException(e.getMessage());
        }
        Map<String, Map<String, Object>> componentConf = new HashMap<>();
        Map<String, TopologySettings> componentSettings = new HashMap<>();
        for (ComponentSpec c : topology.getComponents().values()) {
            Map<String, Object> merged = new HashMap<>(conf);
            merged.putAll(c.getConfig());
            for (String key : KRYO_KEYS) { // The topology's, which took in every component's.
                if (conf.containsKey(key)) {
                    merged.put(key, conf.get(key));
                } else {
                    merged.remove(key);
                }
            }
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
     * {@code conf} with the Kryo registrations and decorators of every component's configuration added to the
     * topology's, as Storm's Nimbus does, so that every task of the topology registers the same classes in the same
     * order: the registrations as one map of class to serializer (the topology's own entry for a class wins), the
     * decorators as one list without repeats. {@code conf} itself when no component names either.
     */
    static Map<String, Object> withComponentsKryo(StormTopology topology, Map<String, Object> conf) {
        List<Map<String, Object>> named = topology.getComponents().values().stream().map(ComponentSpec::getConfig)
                .filter(c -> KRYO_KEYS.stream().anyMatch(c::containsKey)).toList();
        if (named.isEmpty()) {
            return conf;
        }
        Map<String, Object> registrations = new LinkedHashMap<>();
        Set<String> decorators = new LinkedHashSet<>();
        for (Map<String, Object> c : named) {
            addRegistrations(registrations, c.get(ConfigKeys.TOPOLOGY_KRYO_REGISTER.name()));
            addDecorators(decorators, c.get(ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name()));
        }
        addRegistrations(registrations, conf.get(ConfigKeys.TOPOLOGY_KRYO_REGISTER.name()));
        addDecorators(decorators, conf.get(ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name()));
        Map<String, Object> out = new HashMap<>(conf);
        out.put(ConfigKeys.TOPOLOGY_KRYO_REGISTER.name(), registrations);
        out.put(ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name(), new ArrayList<>(decorators));
        return out;
    }

    private static void addRegistrations(Map<String, Object> to, Object value) {
        for (Object r : TopologySettings.kryoRegistrations(value instanceof List<?> || value instanceof Map<?, ?>
                ? value : null)) {
            if (r instanceof Map<?, ?> m) {
                m.forEach((type, serializer) -> to.put(String.valueOf(type), serializer));
            } else {
                to.put(String.valueOf(r), null);
            }
        }
    }

    private static void addDecorators(Set<String> to, Object value) {
        if (value instanceof List<?> l) {
            l.forEach(d -> to.add(String.valueOf(d)));
        }
    }

    /**
     * Every subscription names a component and a stream it declares, groups by fields the stream has, and is direct
     * exactly when the stream is: what Storm checks at submit.
     *
     * @throws InvalidTopologyException naming the subscriber, the stream and what is wrong
     */
    static void checkStructure(StormTopology topology) {
        Map<String, ComponentSpec> components = topology.getComponents();
        for (ComponentSpec c : components.values()) {
            for (Map.Entry<GlobalStreamId, Grouping> in : c.getInputs().entrySet()) {
                checkInput(c.getId(), in.getKey(), in.getValue(), components);
            }
        }
    }

    private static void checkInput(String id, GlobalStreamId s, Grouping g, Map<String, ComponentSpec> components) {
        ComponentSpec source = components.get(s.getComponentId());
        if (source == null) {
            throw new InvalidTopologyException("Component '" + id + "' subscribes to component '" + s.getComponentId()
                    + "', which does not exist (components: " + new TreeSet<>(components.keySet()) + ")");
        }
        StreamSpec stream = source.getOutputs().get(s.getStreamId());
        if (stream == null) {
            throw new InvalidTopologyException("Component '" + id + "' subscribes to stream '" + s.getStreamId()
                    + "' of component '" + s.getComponentId() + "', which declares no such stream (it declares "
                    + source.getOutputs().keySet() + ")");
        }
        List<String> groupingFields = g.getType() == Grouping.Type.FIELDS ? g.getFields()
                : g.getCustom() instanceof PartialKeyGrouping pk && pk.getFields() != null ? pk.getFields().toList()
                : List.of();
        for (String f : groupingFields) {
            if (!stream.fields().contains(f)) {
                throw new InvalidTopologyException("Component '" + id + "' groups stream " + s + " by field '" + f
                        + "', which the stream does not declare (its fields are " + stream.fields() + ")");
            }
        }
        if (g.getType() == Grouping.Type.DIRECT && !stream.direct()) {
            throw new InvalidTopologyException("Component '" + id + "' uses a direct grouping on stream " + s
                    + ", which is not declared direct: declare it with declareStream(id, true, fields)");
        }
        if (g.getType() != Grouping.Type.DIRECT && stream.direct()) {
            throw new InvalidTopologyException("Component '" + id + "' uses a " + g + " grouping on direct stream " + s
                    + ": a direct stream needs directGrouping");
        }
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
