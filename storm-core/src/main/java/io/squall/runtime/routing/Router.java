package io.squall.runtime.routing;

import io.squall.Config;
import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.grouping.CustomStreamGrouping;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.ComponentSpec;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.topology.StreamSpec;
import io.squall.utils.Clock;
import io.squall.utils.Utils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of every output stream of one task, built once when the task starts. Owned by the task's
 * executor thread.
 */
public final class Router {
    private final Map<String, Route> routes = new HashMap<>();
    /** The last route looked up: most emits reuse the same stream id object, so this saves the hash lookup. */
    private String lastStreamId;
    private Route lastRoute;

    /** Builds the routes of {@code taskId}'s streams in the given topology, with shuffles that ignore load. */
    public Router(WorkerTopologyContext context, int taskId) {
        this(context, taskId, null, null);
    }

    /**
     * Builds the routes of {@code taskId}'s streams in the given topology. Shuffle and local-or-shuffle
     * groupings weigh their targets by {@code load} unless it is null or the topology sets
     * {@code topology.disable.loadaware.messaging}; a load-aware shuffle also keeps its tuples in this worker
     * while the target tasks here keep up ({@link LocalityAwareShuffleSelector}, as Storm 2's). A custom grouping
     * that is a {@code LoadAwareCustomStreamGrouping} is told the same loads, unless the topology sets that key,
     * every second of {@code clock} (the executor's; may be null when {@code load} is).
     */
    public Router(WorkerTopologyContext context, int taskId, TaskLoad load, Clock clock) {
        String componentId = context.getComponentId(taskId);
        ComponentSpec self = context.getRawTopology().getComponent(componentId);
        List<Integer> workerTasks = context.getThisWorkerTasks();
        boolean disabled = Boolean.TRUE.equals(
                context.getTopologyConf().get(Config.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING));
        TaskLoad taskLoad = disabled ? null : load;
        Map<String, Object> conf = context.getTopologyConf();
        double higherBound = bound(conf, ConfigKeys.TOPOLOGY_LOCALITYAWARE_HIGHER_BOUND);
        double lowerBound = bound(conf, ConfigKeys.TOPOLOGY_LOCALITYAWARE_LOWER_BOUND);
        for (Map.Entry<String, StreamSpec> out : self.getOutputs().entrySet()) {
            String streamId = out.getKey();
            GlobalStreamId stream = new GlobalStreamId(componentId, streamId);
            List<TaskSelector> selectors = new ArrayList<>();
            List<Integer> direct = new ArrayList<>();
            for (ComponentSpec consumer : context.getRawTopology().getComponents().values()) {
                Grouping g = consumer.getInputs().get(stream);
                if (g == null) {
                    continue;
                }
                List<Integer> tasks = context.getComponentTasks(consumer.getId());
                int[] targets = tasks.stream().mapToInt(Integer::intValue).toArray();
                switch (g.getType()) {
                    case SHUFFLE, NONE -> {
                        int[] local = tasks.stream().filter(workerTasks::contains).mapToInt(Integer::intValue).toArray();
                        selectors.add(taskLoad != null && local.length > 0 && local.length < targets.length
                                ? new LocalityAwareShuffleSelector(local, targets, taskLoad, higherBound, lowerBound)
                                : shuffle(targets, taskLoad));
                    }
                    case LOCAL_OR_SHUFFLE -> {
                        int[] local = tasks.stream().filter(workerTasks::contains).mapToInt(Integer::intValue).toArray();
                        selectors.add(shuffle(local.length > 0 ? local : targets, taskLoad));
                    }
                    case FIELDS -> {
                        int[] fields = g.getFields().stream()
                                .mapToInt(f -> out.getValue().fields().fieldIndex(f)).toArray();
                        selectors.add(consumer.getStateScope() == ComponentSpec.StateScope.KEY_GROUP
                                ? new KeyGroupSelector(targets, fields, KeyGroups.count(context.getTopologyConf()))
                                : new FieldsSelector(targets, fields));
                    }
                    case ALL -> selectors.add(new AllSelector(targets));
                    case GLOBAL -> selectors.add(new GlobalSelector(targets));
                    case DIRECT -> direct.addAll(tasks);
                    case CUSTOM -> {
                        // Each emitting task gets its own copy, so groupings may keep per-task state.
                        CustomStreamGrouping grouping = Utils.copy(g.getCustom());
                        grouping.prepare(context, stream, tasks);
                        selectors.add(new CustomSelector(grouping, taskId, targets, stream, consumer.getId(),
                                taskLoad, workerTasks, clock));
                    }
                    default -> throw new IllegalStateException("Unknown grouping " + g);
                }
            }
            routes.put(streamId, new Route(context, componentId, streamId, out.getValue().fields(), out.getValue().direct(),
                    selectors.toArray(new TaskSelector[0]), direct.stream().mapToInt(Integer::intValue).toArray()));
        }
    }

    private static double bound(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.get(key.name());
        return v instanceof Number n ? n.doubleValue() : ((Number) key.defaultValue()).doubleValue();
    }

    private static TaskSelector shuffle(int[] targets, TaskLoad load) {
        return load == null || targets.length < 2
                ? new ShuffleSelector(targets) : new LoadAwareShuffleSelector(targets, load);
    }

    /**
     * The route of a stream.
     *
     * @throws IllegalArgumentException naming the stream if this component does not declare it
     */
    public Route route(String streamId) {
        if (streamId == lastStreamId) {
            return lastRoute;
        }
        Route r = routes.get(streamId);
        if (r == null) {
            throw new IllegalArgumentException("Stream '" + streamId + "' is not declared by this component; it declares "
                    + routes.keySet() + ". Declare it in declareOutputFields.");
        }
        lastStreamId = streamId;
        lastRoute = r;
        return r;
    }

    /** Every route, for building per-stream state. */
    public Map<String, Route> routes() {
        return routes;
    }
}
