package io.squall.metric;

import io.squall.config.ConfigKeys;
import io.squall.metric.api.IMetric;
import io.squall.metric.api.IMetricsConsumer;
import io.squall.metric.filter.FilterByMetricName;
import io.squall.metric.filter.MetricsFilter;
import io.squall.metric.util.DataPointExpander;
import io.squall.task.TopologyContext;
import io.squall.task.V1MetricRegistry;
import io.squall.task.WorkerTopologyContext;
import io.squall.utils.Clock;
import io.squall.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker's Storm v1 metrics ({@link IMetric}) and metrics consumers ({@code topology.metrics.consumer.register}).
 * Tasks register metrics from their own threads; one metrics thread, started with the worker, reads each
 * metric when its bucket ends ({@code getValueAndReset}) and hands each task's data points to every
 * consumer, which this worker instantiates from the topology configuration. A metric or consumer that
 * throws is logged and skipped; it never stops the worker.
 */
public final class V1Metrics implements AutoCloseable {
    /** Storm's key: a list of {@code {class, argument, parallelism.hint}} maps. */
    public static final String CONSUMER_REGISTER = "topology.metrics.consumer.register";
    private static final Logger LOG = LoggerFactory.getLogger(V1Metrics.class);
    /** The task and component the worker's own metrics are reported under, as Storm's system bolt's. */
    static final int SYSTEM_TASK = -1;
    static final String SYSTEM_COMPONENT = "__system";

    private final WorkerTopologyContext context;
    private final Map<String, Object> conf;
    private final ClassLoader loader;
    private final Clock clock;
    private final V1MetricRegistry registry = new V1MetricRegistry();
    private final List<Registered> consumers = new ArrayList<>();

    /** A consumer with the data points its registration lets through and how it expands them. */
    private record Registered(IMetricsConsumer consumer, MetricsFilter filter, DataPointExpander expander) {
        /** What of {@code points} this consumer is given: those its filter passes, expanded. */
        List<IMetricsConsumer.DataPoint> given(List<IMetricsConsumer.DataPoint> points) {
            List<IMetricsConsumer.DataPoint> out = new ArrayList<>(points.size());
            for (IMetricsConsumer.DataPoint p : points) {
                if (filter.apply(p)) {
                    out.addAll(expander.expandDataPoint(p));
                }
            }
            return out;
        }
    }
    private final Map<Integer, Long> nextDueSecs = new TreeMap<>();
    private final String host = hostName();
    private ScheduledExecutorService thread;

    /** The v1 metrics of the worker seen by {@code context}, whose topology has configuration {@code conf}. */
    public V1Metrics(WorkerTopologyContext context, Map<String, Object> conf, ClassLoader loader) {
        this(context, conf, loader, Clock.SYSTEM);
    }

    /** Metrics whose buckets end by {@code clock}'s wall time, so they move with simulated time. */
    public V1Metrics(WorkerTopologyContext context, Map<String, Object> conf, ClassLoader loader, Clock clock) {
        this.clock = clock;
        this.context = context;
        this.conf = conf;
        this.loader = loader;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** Where the worker's tasks register the metrics this reads; {@code TopologyContext} takes it. */
    public V1MetricRegistry registry() {
        return registry;
    }

    /** Registers a task's metric, read every {@code bucketSecs}; see {@link V1MetricRegistry#register}. */
    public <T extends IMetric> T register(int taskId, String componentId, String name, T metric, int bucketSecs) {
        return registry.register(taskId, componentId, name, metric, bucketSecs);
    }

    /** The value a task's metric had at the end of its last bucket, or null. */
    public Object lastValue(int taskId, String name) {
        return registry.lastValue(taskId, name);
    }

    /**
     * Registers the worker's own metrics on the system task (-1, component {@code __system}), as Storm's workers do:
     * {@code memory/heap} and {@code memory/nonHeap} (maps of {@code usedBytes}, {@code committedBytes},
     * {@code initBytes}, {@code maxBytes}, {@code virtualFreeBytes}, {@code unusedBytes}), {@code GC/<collector>}
     * (maps of {@code count} and {@code timeMs} in the bucket), and each of {@code topology.worker.metrics}, every
     * {@code topology.builtin.metrics.bucket.size.secs}. A worker metric that cannot be created is logged, naming
     * it, and left out.
     */
    private void registerWorkerMetrics() {
        int bucket = Utils.getInt(conf.get(ConfigKeys.TOPOLOGY_BUILTIN_METRICS_BUCKET_SIZE_SECS.name()), 60);
        registry.register(SYSTEM_TASK, SYSTEM_COMPONENT, "memory/heap",
                (IMetric) () -> memory(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage()), bucket);
        registry.register(SYSTEM_TASK, SYSTEM_COMPONENT, "memory/nonHeap",
                (IMetric) () -> memory(ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage()), bucket);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            registry.register(SYSTEM_TASK, SYSTEM_COMPONENT, "GC/" + gc.getName().replaceAll("\\W", ""),
                    new GcMetric(gc), bucket);
        }
        Object v = conf.get(ConfigKeys.TOPOLOGY_WORKER_METRICS.name());
        if (v instanceof Map<?, ?> metrics) {
            for (Map.Entry<?, ?> e : metrics.entrySet()) {
                try {
                    registry.register(SYSTEM_TASK, SYSTEM_COMPONENT, String.valueOf(e.getKey()),
                            workerMetric(String.valueOf(e.getKey()), String.valueOf(e.getValue())), bucket);
                } catch (IllegalArgumentException bad) {
                    LOG.error("{}; the worker runs without it", bad.getMessage()); // never stops the worker
                }
            }
        }
    }

    private IMetric workerMetric(String name, String className) {
        try {
            Class<?> k = Class.forName(className, true, loader);
            return (IMetric) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("Worker metric '" + name + "' of " + ConfigKeys.TOPOLOGY_WORKER_METRICS
                    .name() + " cannot be created from '" + className + "': it must implement IMetric, be on the "
                    + "topology's class path and have a public no-argument constructor (" + e + ")", e);
        }
    }

    private static Map<String, Long> memory(MemoryUsage usage) {
        Map<String, Long> m = new HashMap<>();
        m.put("usedBytes", usage.getUsed());
        m.put("committedBytes", usage.getCommitted());
        m.put("initBytes", usage.getInit());
        m.put("maxBytes", usage.getMax());
        m.put("virtualFreeBytes", usage.getMax() < 0 ? -1 : usage.getMax() - usage.getUsed());
        m.put("unusedBytes", usage.getCommitted() - usage.getUsed());
        return m;
    }

    /** A collector's collections and milliseconds since the last bucket. */
    private static final class GcMetric implements IMetric {
        private final GarbageCollectorMXBean gc;
        private long count;
        private long timeMs;

        GcMetric(GarbageCollectorMXBean gc) {
            this.gc = gc;
            this.count = gc.getCollectionCount();
            this.timeMs = gc.getCollectionTime();
        }

        @Override
        public Object getValueAndReset() {
            long c = gc.getCollectionCount();
            long t = gc.getCollectionTime();
            Map<String, Long> m = new HashMap<>();
            m.put("count", c - count);
            m.put("timeMs", t - timeMs);
            count = c;
            timeMs = t;
            return m;
        }
    }

    /** Instantiates the consumers and starts reading metrics every second. */
    public synchronized void start() {
        registerWorkerMetrics();
        for (Object entry : consumerEntries(conf)) {
            IMetricsConsumer consumer = instantiate(entry, loader);
            MetricsFilter filter = filter(entry);
            DataPointExpander expander = expander(entry);
            Object argument = entry instanceof Map<?, ?> m ? m.get("argument") : null;
            consumer.prepare(conf, argument, new TopologyContext(context, -1),
                    e -> LOG.error("Metrics consumer {} reported an error", consumer.getClass().getName(), e));
            consumers.add(new Registered(consumer, filter, expander));
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v1-metrics-" + context.getStormId());
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(() -> tick(clock.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Checks the consumer registrations of {@code topoConf} as a worker will read them: each consumer can be made
     * through {@code loader} (unless it is not found there and the topology sets {@code topology.classpath}), and
     * its {@code whitelist}, {@code blacklist}, {@code expandMapType} and {@code metricNameSeparator} are of the right
     * kind (and not both lists).
     *
     * @throws IllegalArgumentException naming the registration that is wrong and why
     */
    public static void checkConsumers(Map<String, Object> topoConf, ClassLoader loader) {
        for (Object entry : consumerEntries(topoConf)) {
            try {
                instantiate(entry, loader);
            } catch (IllegalArgumentException e) {
                // A class the workers find on topology.classpath need not be where the check looks.
                boolean elsewhere = topoConf.get(ConfigKeys.TOPOLOGY_CLASSPATH.name()) != null;
                if (!(e.getCause() instanceof ClassNotFoundException && elsewhere)) {
                    throw e;
                }
            }
            filter(entry);
            expander(entry);
        }
    }

    /** The filter of a registration's {@code whitelist} or {@code blacklist} (Storm's options). */
    private static MetricsFilter filter(Object entry) {
        if (!(entry instanceof Map<?, ?> m)) {
            return new FilterByMetricName(null, null);
        }
        return new FilterByMetricName(names(m, "whitelist"), names(m, "blacklist"));
    }

    private static List<String> names(Map<?, ?> entry, String key) {
        Object v = entry.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
            throw new IllegalArgumentException("The " + key + " of metrics consumer " + entry.get("class") + " in "
                    + CONSUMER_REGISTER + " must be a list of regular expressions (strings), got " + v);
        }
        return l.stream().map(String.class::cast).toList();
    }

    /** The expander of a registration's {@code expandMapType} and {@code metricNameSeparator} (Storm's options). */
    private static DataPointExpander expander(Object entry) {
        if (!(entry instanceof Map<?, ?> m)) {
            return new DataPointExpander(false, ".");
        }
        Object expand = m.get("expandMapType");
        Object separator = m.get("metricNameSeparator");
        if (expand != null && !(expand instanceof Boolean) || separator != null && !(separator instanceof String)) {
            throw new IllegalArgumentException("Metrics consumer " + m.get("class") + " in " + CONSUMER_REGISTER
                    + ": expandMapType takes true or false and metricNameSeparator a string, got " + expand + " and "
                    + separator);
        }
        return new DataPointExpander(Boolean.TRUE.equals(expand), separator == null ? "." : (String) separator);
    }

    private static List<?> consumerEntries(Map<String, Object> conf) {
        Object v = conf.get(CONSUMER_REGISTER);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> l)) {
            throw new IllegalArgumentException(CONSUMER_REGISTER + " must be a list of {class, argument, "
                    + "parallelism.hint} maps, got " + v);
        }
        return l;
    }

    private static IMetricsConsumer instantiate(Object entry, ClassLoader loader) {
        Object className = entry instanceof Map<?, ?> m ? m.get("class") : entry;
        try {
            Class<?> k = Class.forName(String.valueOf(className), true, loader);
            return (IMetricsConsumer) k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalArgumentException("Metrics consumer '" + className + "' in " + CONSUMER_REGISTER
                    + " cannot be created: it must implement IMetricsConsumer, be on the topology's class path "
                    + "and have a public no-argument constructor (" + e + ")", e);
        }
    }

    /** Reads the metrics whose bucket ended by {@code nowMillis} and sends them to the consumers. Metrics thread. */
    public void tick(long nowMillis) {
        long nowSecs = nowMillis / 1000;
        Map<Integer, List<IMetricsConsumer.DataPoint>> pointsByTask = new TreeMap<>();
        Map<Integer, Integer> intervalByTask = new TreeMap<>();
        for (V1MetricRegistry.Registration r : registry.registered()) {
            long due = nextDueSecs.computeIfAbsent(r.bucketSecs(), b -> nowSecs + b);
            if (nowSecs < due) {
                continue;
            }
            Object value;
            Map<String, String> dimensions;
            try {
                value = r.metric().getValueAndReset();
                dimensions = r.metric().getDimensions();
            } catch (RuntimeException e) {
                LOG.warn("Metric '{}' of task {} ({}) failed to report; skipped this bucket", r.name(), r.taskId(),
                        r.componentId(), e);
                continue;
            }
            if (value != null) {
                registry.recordValue(r.taskId(), r.name(), value);
                pointsByTask.computeIfAbsent(r.taskId(), t -> new ArrayList<>()).add(new IMetricsConsumer.DataPoint(
                        r.name(), value, dimensions == null ? Map.of() : dimensions));
                intervalByTask.put(r.taskId(), r.bucketSecs());
            }
        }
        nextDueSecs.replaceAll((bucket, due) -> nowSecs >= due ? nowSecs + bucket : due);
        for (Map.Entry<Integer, List<IMetricsConsumer.DataPoint>> e : pointsByTask.entrySet()) {
            String component = e.getKey() == SYSTEM_TASK ? SYSTEM_COMPONENT : context.getComponentId(e.getKey());
            IMetricsConsumer.TaskInfo info = new IMetricsConsumer.TaskInfo(host, context.getThisWorkerPort(),
                    component, e.getKey(), nowSecs, intervalByTask.get(e.getKey()));
            for (Registered r : consumers) {
                try {
                    List<IMetricsConsumer.DataPoint> given = r.given(e.getValue());
                    if (!given.isEmpty()) {
                        r.consumer().handleDataPoints(info, given);
                    }
                } catch (RuntimeException ex) {
                    LOG.warn("Metrics consumer {} failed on the data points of task {}",
                            r.consumer().getClass().getName(), e.getKey(), ex);
                }
            }
        }
    }

    /** Stops the metrics thread and cleans the consumers up. */
    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Registered r : consumers) {
            IMetricsConsumer c = r.consumer();
            try {
                c.cleanup();
            } catch (RuntimeException e) {
                LOG.warn("Metrics consumer {} failed to clean up", c.getClass().getName(), e);
            }
        }
        consumers.clear();
    }
}
