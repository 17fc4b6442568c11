package io.squall.task;

import com.codahale.metrics.Counter;
import com.codahale.metrics.ExponentiallyDecayingReservoir;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricSet;
import com.codahale.metrics.Timer;
import io.squall.config.ConfigKeys;
import io.squall.hooks.ITaskHook;
import io.squall.hooks.TaskHooks;
import io.squall.metric.api.CombinedMetric;
import io.squall.metric.api.ICombiner;
import io.squall.metric.api.IMetric;
import io.squall.metric.api.IReducer;
import io.squall.metric.api.ReducedMetric;
import io.squall.metrics.TaggedRegistry;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.Grouping;
import io.squall.tuple.Fields;
import io.squall.utils.Clock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topology as seen from one task: its id, component and index among its component's tasks. Given to
 * {@code open} and {@code prepare}; used from the task's executor thread. Its task data is this task's own; its
 * executor data is shared with the other tasks its executor runs, on the same thread.
 */
public class TopologyContext extends WorkerTopologyContext {
    private final int taskId;
    private final Map<String, Object> taskData = new HashMap<>();
    /** Shared by the contexts of one executor's tasks; only that executor's thread touches it. */
    private final Map<String, Object> executorData;
    private final TaggedRegistry metrics;
    private final V1MetricRegistry v1Metrics;
    private final TaskHooks taskHooks;
    private final Clock clock;

    /** A context for task {@code taskId} whose user metrics go to a registry of their own, unreported. */
    public TopologyContext(WorkerTopologyContext worker, int taskId) {
        this(worker, taskId, new TaggedRegistry());
    }

    /** A context for task {@code taskId} whose user metrics go to the worker's {@code metrics}. */
    public TopologyContext(WorkerTopologyContext worker, int taskId, TaggedRegistry metrics) {
        this(worker, taskId, metrics, Clock.SYSTEM);
    }

    /**
     * A context for task {@code taskId} whose user metrics go to the worker's {@code metrics} and whose time
     * comes from {@code clock}.
     */
    public TopologyContext(WorkerTopologyContext worker, int taskId, TaggedRegistry metrics, Clock clock) {
        this(worker, taskId, metrics, new V1MetricRegistry(), TopologyContext.class.getClassLoader(), clock);
    }

    /**
     * A context for task {@code taskId} whose user metrics go to the worker's {@code metrics}, its Storm v1
     * metrics to the worker's {@code v1Metrics}, whose {@code topology.auto.task.hooks} load from {@code loader}
     * (the topology's code) and whose time comes from {@code clock}.
     */
    public TopologyContext(WorkerTopologyContext worker, int taskId, TaggedRegistry metrics,
                           V1MetricRegistry v1Metrics, ClassLoader loader, Clock clock) {
        this(worker, taskId, new HashMap<>(), metrics, v1Metrics, loader, clock);
    }

    /**
     * The context the runtime gives task {@code taskId}: as above, with {@code executorData} the map that the
     * contexts of every task of the same executor share ({@link #setExecutorData}).
     */
    public TopologyContext(WorkerTopologyContext worker, int taskId, Map<String, Object> executorData,
                           TaggedRegistry metrics, V1MetricRegistry v1Metrics, ClassLoader loader, Clock clock) {
        super(worker);
        this.taskId = taskId;
        this.executorData = executorData;
        this.metrics = metrics;
        this.clock = clock;
        this.v1Metrics = v1Metrics;
        this.taskHooks = new TaskHooks(taskId);
        addAutoTaskHooks(loader);
    }

    /**
     * The topology's clock. Components that act on time (windows, timers, batch intervals) read it instead of
     * {@code System}'s clocks, so the topology also runs on simulated time in tests.
     */
    public Clock getClock() {
        return clock;
    }

    /** Adds one hook of each class in {@code topology.auto.task.hooks}. */
    private void addAutoTaskHooks(ClassLoader loader) {
        Object auto = getTopologyConf().get(ConfigKeys.TOPOLOGY_AUTO_TASK_HOOKS.name());
        if (!(auto instanceof List<?> classes)) {
            return;
        }
        for (Object className : classes) {
            ITaskHook hook;
            try {
                hook = (ITaskHook) Class.forName(String.valueOf(className), true, loader).getDeclaredConstructor()
                        .newInstance();
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new IllegalArgumentException("Task hook '" + className + "' in "
                        + ConfigKeys.TOPOLOGY_AUTO_TASK_HOOKS.name() + " cannot be created: it must implement ITaskHook, "
                        + "be on the topology's class path and have a public no-argument constructor (" + e + ")", e);
            }
            addTaskHook(hook);
        }
    }

    /** Adds a hook told of this task's emits, acks, fails and executions; calls its {@code prepare} now. */
    public void addTaskHook(ITaskHook hook) {
        if (hook == null) {
            throw new IllegalArgumentException("Task hook of task " + taskId + " is null");
        }
        hook.prepare(getTopologyConf(), this);
        taskHooks.add(hook);
    }

    /** This task's hooks, in the order they were added; read-only. */
    public List<ITaskHook> getHooks() {
        return taskHooks.all();
    }

    /** The runtime's handle on this task's hooks. */
    public TaskHooks taskHooks() {
        return taskHooks;
    }

    /**
     * Registers a Storm v1 metric of this task: every {@code timeBucketSizeInSecs} the worker reads it
     * ({@code getValueAndReset}) and sends the value to the topology's metrics consumers
     * ({@code Config.registerMetricsConsumer}); a numeric value also shows on the dashboard as
     * {@code user.<component>.<task>.<name>}. Returns {@code metric}.
     *
     * @throws IllegalArgumentException if this task already has a metric of that name, or the bucket is below 1 s
     */
    public <T extends IMetric> T registerMetric(String name, T metric, int timeBucketSizeInSecs) {
        v1Metrics.register(taskId, getThisComponentId(), checkName(name), metric, timeBucketSizeInSecs);
        metrics.register("user", name, (Gauge<Object>) () -> {
            Object v = v1Metrics.lastValue(taskId, name);
            return v instanceof Number ? v : null;
        }, userTags());
        return metric;
    }

    /** Registers a {@link ReducedMetric} over {@code reducer}; see {@link #registerMetric(String, IMetric, int)}. */
    public ReducedMetric registerMetric(String name, IReducer<?> reducer, int timeBucketSizeInSecs) {
        return registerMetric(name, new ReducedMetric(reducer), timeBucketSizeInSecs);
    }

    /** Registers a {@link CombinedMetric} over {@code combiner}; see {@link #registerMetric(String, IMetric, int)}. */
    public CombinedMetric registerMetric(String name, ICombiner<?> combiner, int timeBucketSizeInSecs) {
        return registerMetric(name, new CombinedMetric(combiner), timeBucketSizeInSecs);
    }

    /** This task's v1 metric registered under {@code name}, or null. */
    public IMetric getRegisteredMetricByName(String name) {
        return v1Metrics.get(taskId, name);
    }

    /**
     * A counter of this task, reported with the built-in metrics as {@code user.<component>.<task>.<name>}.
     * Registering the same name twice returns the same counter.
     *
     * @throws IllegalArgumentException if this task already has a metric of another type by that name
     */
    public Counter registerCounter(String name) {
        return metrics.register("user", checkName(name), new Counter(), userTags());
    }

    /** A meter (rates over 1, 5, 15 minutes) of this task; see {@link #registerCounter}. */
    public Meter registerMeter(String name) {
        return metrics.register("user", checkName(name), new Meter(), userTags());
    }

    /** A timer (rate and duration percentiles) of this task; see {@link #registerCounter}. */
    public Timer registerTimer(String name) {
        return metrics.register("user", checkName(name), new Timer(), userTags());
    }

    /** A histogram (percentiles of recent values) of this task; see {@link #registerCounter}. */
    public Histogram registerHistogram(String name) {
        return metrics.register("user", checkName(name), new Histogram(new ExponentiallyDecayingReservoir()), userTags());
    }

    /** Registers a gauge of this task, read when metrics are reported; see {@link #registerCounter}. */
    public <T> Gauge<T> registerGauge(String name, Gauge<T> gauge) {
        if (gauge == null) {
            throw new IllegalArgumentException("Gauge '" + name + "' of task " + taskId + " is null");
        }
        return metrics.register("user", checkName(name), gauge, userTags());
    }

    /**
     * Registers each metric of {@code set} as a metric of this task named {@code <prefix>.<its name in the set>},
     * as Storm names them, so a library's ready-made set (JVM or cache statistics) is reported with the task's own
     * metrics. A metric that is itself a set is registered the same way, one level further down.
     *
     * @throws IllegalArgumentException if this task already has a metric of another type by one of those names
     */
    public void registerMetricSet(String prefix, MetricSet set) {
        checkName(prefix);
        if (set == null) {
            throw new IllegalArgumentException("Metric set '" + prefix + "' of task " + taskId + " is null");
        }
        for (Map.Entry<String, Metric> e : set.getMetrics().entrySet()) {
            String name = prefix + "." + e.getKey();
            if (e.getValue() instanceof MetricSet inner) {
                registerMetricSet(name, inner);
            } else {
                metrics.register("user", name, e.getValue(), userTags());
            }
        }
    }

    private String[] userTags() {
        return new String[] {"component", getThisComponentId(), "task", String.valueOf(taskId)};
    }

    private String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A metric name must be a non-empty string (task " + taskId + " of '"
                    + getThisComponentId() + "')");
        }
        return name;
    }

    /** This task's id, unique in the topology. */
    public int getThisTaskId() {
        return taskId;
    }

    /** This task's component. */
    public String getThisComponentId() {
        return getComponentId(taskId);
    }

    /** This task's position among its component's tasks, from 0. */
    public int getThisTaskIndex() {
        return getComponentTasks(getThisComponentId()).indexOf(taskId);
    }

    /** The streams this component declares. */
    public Set<String> getThisStreams() {
        return getComponentStreams(getThisComponentId());
    }

    /** The fields of one of this component's streams. */
    public Fields getThisOutputFields(String streamId) {
        return getComponentOutputFields(getThisComponentId(), streamId);
    }

    /** Each stream this component declares, with its output fields' names in order (Storm's stream->fields). */
    public Map<String, List<String>> getThisOutputFieldsForStreams() {
        Map<String, List<String>> out = new HashMap<>();
        for (String stream : getThisStreams()) {
            out.put(stream, getThisOutputFields(stream).toList());
        }
        return out;
    }

    /**
     * For each component this component subscribes to: each stream that component declares (subscribed to or not,
     * as in Storm) with its fields' names in order.
     */
    public Map<String, Map<String, List<String>>> getThisInputFields() {
        Map<String, Map<String, List<String>>> out = new HashMap<>();
        for (GlobalStreamId source : getThisSources().keySet()) {
            String component = source.getComponentId();
            if (out.containsKey(component)) {
                continue;
            }
            Map<String, List<String>> streams = new HashMap<>();
            for (String stream : getComponentStreams(component)) {
                streams.put(stream, getComponentOutputFields(component, stream).toList());
            }
            out.put(component, streams);
        }
        return out;
    }

    /**
     * What Storm gives a multilang subprocess of this task: besides {@code task->component}, this task's id and
     * component, its streams with their fields and subscribers' groupings, and the streams it subscribes to with
     * their groupings and fields.
     */
    @Override
    Map<String, Object> jsonInfo() {
        Map<String, Object> info = super.jsonInfo();
        info.put("taskid", taskId);
        info.put("componentid", getThisComponentId());
        Map<String, Object> streamTargets = new TreeMap<>();
        getThisTargets().forEach((stream, targets) -> {
            Map<String, Object> byTarget = new TreeMap<>();
            targets.forEach((target, grouping) -> byTarget.put(target, jsonOf(grouping)));
            streamTargets.put(stream, byTarget);
        });
        info.put("stream->target->grouping", streamTargets);
        info.put("streams", new ArrayList<>(getThisStreams()));
        Map<String, Object> outputFields = new TreeMap<>();
        for (String stream : getThisStreams()) {
            outputFields.put(stream, getThisOutputFields(stream).toList());
        }
        info.put("stream->outputfields", outputFields);
        Map<String, Map<String, Object>> sourceGroupings = new TreeMap<>();
        Map<String, Map<String, Object>> sourceFields = new TreeMap<>();
        for (Map.Entry<GlobalStreamId, Grouping> e : getThisSources().entrySet()) {
            String source = e.getKey().getComponentId();
            String stream = e.getKey().getStreamId();
            sourceGroupings.computeIfAbsent(source, k -> new TreeMap<>()).put(stream, jsonOf(e.getValue()));
            sourceFields.computeIfAbsent(source, k -> new TreeMap<>()).put(stream, sourceFields(e.getKey()));
        }
        info.put("source->stream->grouping", sourceGroupings);
        info.put("source->stream->fields", sourceFields);
        return info;
    }

    /** The fields of a stream this task subscribes to; none for a system stream, which no component declares. */
    private List<String> sourceFields(GlobalStreamId id) {
        try {
            return getComponentOutputFields(id).toList();
        } catch (IllegalArgumentException systemStream) {
            return List.of();
        }
    }

    private static Map<String, Object> jsonOf(Grouping g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", g.getType().name());
        if (g.getType() == Grouping.Type.FIELDS) {
            m.put("fields", g.getFields());
        }
        return m;
    }

    /** What this component subscribes to. */
    public Map<GlobalStreamId, Grouping> getThisSources() {
        return getSources(getThisComponentId());
    }

    /** Who subscribes to this component's streams. */
    public Map<String, Map<String, Grouping>> getThisTargets() {
        return getTargets(getThisComponentId());
    }

    /** This component's task ids. */
    public List<Integer> getThisComponentTasks() {
        return getComponentTasks(getThisComponentId());
    }

    /** Stores task-local data. */
    public void setTaskData(String name, Object data) {
        taskData.put(name, data);
    }

    /** Task-local data stored with {@link #setTaskData}. */
    public Object getTaskData(String name) {
        return taskData.get(name);
    }

    /**
     * Stores data that every task of this task's executor sees, by {@link #getExecutorData}: a resource its tasks
     * share (a connection, a cache) made once by whichever task opens first. An executor runs its tasks on one
     * thread, so no locking is needed; tasks of other executors, even of the same component, do not see it.
     */
    public void setExecutorData(String name, Object data) {
        executorData.put(name, data);
    }

    /** Data stored under {@code name} by a task of this executor ({@link #setExecutorData}), or null. */
    public Object getExecutorData(String name) {
        return executorData.get(name);
    }
}
