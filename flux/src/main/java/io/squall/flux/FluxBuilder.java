package io.squall.flux;

import io.squall.Config;
import io.squall.flux.api.FluxException;
import io.squall.flux.model.BeanDef;
import io.squall.flux.model.BoltDef;
import io.squall.flux.model.ExecutionContext;
import io.squall.flux.model.GroupingDef;
import io.squall.flux.model.SpoutDef;
import io.squall.flux.model.StreamDef;
import io.squall.flux.model.TopologyDef;
import io.squall.flux.model.TopologySourceDef;
import io.squall.flux.model.VertexDef;
import io.squall.flux.model.WorkerHookDef;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.hooks.IWorkerHook;
import io.squall.topology.BoltDeclarer;
import io.squall.topology.ComponentConfigurationDeclarer;
import io.squall.topology.IBasicBolt;
import io.squall.topology.IRichBolt;
import io.squall.topology.IRichSpout;
import io.squall.topology.IStatefulBolt;
import io.squall.topology.IStatefulWindowedBolt;
import io.squall.topology.IWindowedBolt;
import io.squall.topology.StormTopology;
import io.squall.topology.TopologyBuilder;
import io.squall.tuple.Fields;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the {@link StormTopology} a {@link TopologyDef} describes, as Storm's Flux does: the components first (in
 * order, each may refer to those above it), then the spouts, the bolts, the streams (a bolt joins the topology
 * through the streams that end at it) and the worker hooks; or, for a {@code topologySource}, the object whose
 * method returns the topology. Errors are {@link FluxException}s naming the definition. Stateless.
 */
public final class FluxBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(FluxBuilder.class);

    private FluxBuilder() {
    }

    /** The topology's {@code Config}: the {@code config} section. */
    public static Config buildConfig(TopologyDef topologyDef) {
        Config conf = new Config();
        conf.putAll(topologyDef.getConfig());
        return conf;
    }

    /**
     * The topology; {@code context} then also holds the objects built for each id. Errors are
     * {@link FluxException}s; the checked exceptions are Storm's signature's, so that a caller's catch of them
     * compiles after the import rewrite.
     */
    public static StormTopology buildTopology(ExecutionContext context) throws IllegalAccessException,
            InstantiationException, ClassNotFoundException, NoSuchMethodException, InvocationTargetException,
            NoSuchFieldException {
        TopologyDef def = context.getTopologyDef();
        for (BeanDef bean : def.getComponents()) {
            context.addComponent(bean.getId(), ObjectBuilder.build(bean, "components '" + bean.getId() + "'",
                    context));
        }
        if (!def.isDslTopology()) {
            return buildExternalTopology(def.getTopologySource(), context);
        }
        TopologyBuilder builder = new TopologyBuilder();
        for (SpoutDef sd : def.getSpouts()) {
            String where = "spouts '" + sd.getId() + "'";
            Object spout = ObjectBuilder.build(sd, where, context);
            if (!(spout instanceof IRichSpout rich)) {
                throw new FluxException(where + ": " + spout.getClass().getName() + " is not a spout (it must "
                        + "implement IRichSpout, e.g. extend BaseRichSpout)");
            }
            applyHints(builder.setSpout(sd.getId(), rich, sd.getParallelism()), sd);
            context.addSpout(sd.getId(), spout);
        }
        for (BoltDef bd : def.getBolts()) {
            context.addBolt(bd.getId(), ObjectBuilder.build(bd, "bolts '" + bd.getId() + "'", context));
        }
        Map<String, BoltDeclarer> declarers = new LinkedHashMap<>();
        for (StreamDef stream : def.getStreams()) {
            BoltDeclarer declarer = declarers.computeIfAbsent(stream.getTo(), id -> declareBolt(builder, def, id,
                    context.getBolt(id)));
            subscribe(declarer, stream, context);
        }
        for (BoltDef bd : def.getBolts()) {
            if (!declarers.containsKey(bd.getId())) {
                LOG.warn("Bolt '{}' has no stream to it, so it is left out of the topology (as in Storm's Flux); "
                        + "add a stream with to: \"{}\"", bd.getId(), bd.getId());
            }
        }
        for (WorkerHookDef wh : def.getWorkerHooks()) {
            String where = "workerHooks '" + wh.getId() + "'";
            Object hook = ObjectBuilder.build(wh, where, context);
            if (!(hook instanceof IWorkerHook workerHook)) {
                throw new FluxException(where + ": " + hook.getClass().getName() + " is not an IWorkerHook");
            }
            builder.addWorkerHook(workerHook);
        }
        return builder.createTopology();
    }

    private static BoltDeclarer declareBolt(TopologyBuilder builder, TopologyDef def, String id, Object bolt) {
        int parallelism = def.parallelismForBolt(id);
        BoltDeclarer declarer;
        if (bolt instanceof IStatefulWindowedBolt<?> b) {
            declarer = builder.setBolt(id, b, parallelism);
        } else if (bolt instanceof IWindowedBolt b) {
            declarer = builder.setBolt(id, b, parallelism);
        } else if (bolt instanceof IStatefulBolt<?> b) {
            declarer = builder.setBolt(id, b, parallelism);
        } else if (bolt instanceof IRichBolt b) {
            declarer = builder.setBolt(id, b, parallelism);
        } else if (bolt instanceof IBasicBolt b) {
            declarer = builder.setBolt(id, b, parallelism);
        } else {
            throw new FluxException("bolts '" + id + "': " + bolt.getClass().getName() + " is not a bolt (it must "
                    + "implement IRichBolt, IBasicBolt, IWindowedBolt or IStatefulBolt)");
        }
        applyHints(declarer, def.getBoltDef(id));
        return declarer;
    }

    private static void applyHints(ComponentConfigurationDeclarer<?> declarer, VertexDef def) {
        if (def.getNumTasks() > -1) {
            declarer.setNumTasks(def.getNumTasks());
        }
        if (def.getOnHeapMemoryLoad() > -1) {
            if (def.getOffHeapMemoryLoad() > -1) {
                declarer.setMemoryLoad(def.getOnHeapMemoryLoad(), def.getOffHeapMemoryLoad());
            } else {
                declarer.setMemoryLoad(def.getOnHeapMemoryLoad());
            }
        }
        if (def.getCpuLoad() > -1) {
            declarer.setCPULoad(def.getCpuLoad());
        }
    }

    private static void subscribe(BoltDeclarer declarer, StreamDef stream, ExecutionContext context) {
        GroupingDef g = stream.getGrouping();
        String from = stream.getFrom();
        String streamId = g.getStreamId() == null ? Utils.DEFAULT_STREAM_ID : g.getStreamId();
        switch (g.getType()) {
            case SHUFFLE -> declarer.shuffleGrouping(from, streamId);
            case FIELDS -> declarer.fieldsGrouping(from, streamId, new Fields(g.getArgs()));
            case PARTIAL_KEY -> declarer.partialKeyGrouping(from, streamId, new Fields(g.getArgs()));
            case ALL -> declarer.allGrouping(from, streamId);
            case DIRECT -> declarer.directGrouping(from, streamId);
            case GLOBAL -> declarer.globalGrouping(from, streamId);
            case LOCAL_OR_SHUFFLE -> declarer.localOrShuffleGrouping(from, streamId);
            case NONE -> declarer.noneGrouping(from, streamId);
            case CUSTOM -> {
                String where = "streams '" + from + " --> " + stream.getTo() + "' customClass";
                Object grouping = ObjectBuilder.build(g.getCustomClass(), where, context);
                if (!(grouping instanceof CustomStreamGrouping custom)) {
                    throw new FluxException(where + ": " + grouping.getClass().getName()
                            + " is not a CustomStreamGrouping");
                }
                declarer.customGrouping(from, streamId, custom);
            }
            default -> throw new FluxException("unsupported grouping type " + g.getType());
        }
    }

    private static StormTopology buildExternalTopology(TopologySourceDef def, ExecutionContext context) {
        Object source = ObjectBuilder.build(def, "topologySource", context);
        Method method = topologyMethod(source.getClass(), def.getMethodName());
        Map<String, Object> conf = context.getTopologyDef().getConfig();
        Object arg = method.getParameterTypes()[0].isAssignableFrom(Config.class) ? configOf(conf) : conf;
        try {
            Object topology = method.invoke(source, arg);
            if (topology == null) {
                throw new FluxException("topologySource: " + source.getClass().getName() + "." + method.getName()
                        + " returned null instead of a StormTopology");
            }
            return (StormTopology) topology;
        } catch (InvocationTargetException e) {
            throw new FluxException("topologySource: " + source.getClass().getName() + "." + method.getName()
                    + " threw " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new FluxException("topologySource: cannot call " + method + ": " + e.getMessage(), e);
        }
    }

    private static Config configOf(Map<String, Object> conf) {
        Config config = new Config();
        config.putAll(conf);
        return config;
    }

    /** The public {@code methodName(Map or Config)} that returns a StormTopology, preferring the Map one. */
    private static Method topologyMethod(Class<?> type, String methodName) {
        List<Method> named = Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(methodName))
                .collect(Collectors.toList());
        return named.stream()
                .filter(m -> m.getParameterCount() == 1 && StormTopology.class.isAssignableFrom(m.getReturnType()))
                .filter(m -> m.getParameterTypes()[0].isAssignableFrom(Map.class)
                        || m.getParameterTypes()[0].isAssignableFrom(Config.class))
                .min((a, b) -> Boolean.compare(!a.getParameterTypes()[0].isAssignableFrom(Map.class),
                        !b.getParameterTypes()[0].isAssignableFrom(Map.class)))
                .orElseThrow(() -> new FluxException("topologySource: " + type.getName() + " has no public method "
                        + methodName + "(Map<String, Object>) or " + methodName + "(Config) that returns a "
                        + "StormTopology" + (named.isEmpty() ? "" : "; its methods of that name: " + named)
                        + "; add one, or set methodName"));
    }
}
