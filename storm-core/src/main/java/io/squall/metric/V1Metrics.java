package io.squall.metric;

import io.squall.metric.api.IMetric;
import io.squall.metric.api.IMetricsConsumer;
import io.squall.task.TopologyContext;
import io.squall.task.V1MetricRegistry;
import io.squall.task.WorkerTopologyContext;
import io.squall.utils.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
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

    private final WorkerTopologyContext context;
    private final Map<String, Object> conf;
    private final ClassLoader loader;
    private final Clock clock;
    private final V1MetricRegistry registry = new V1MetricRegistry();
    private final List<IMetricsConsumer> consumers = new ArrayList<>();
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

    /** Instantiates the consumers and starts reading metrics every second. */
    public synchronized void start() {
        for (Object entry : consumerEntries()) {
            IMetricsConsumer consumer = instantiate(entry);
            Object argument = entry instanceof Map<?, ?> m ? m.get("argument") : null;
            consumer.prepare(conf, argument, new TopologyContext(context, -1),
                    e -> LOG.error("Metrics consumer {} reported an error", consumer.getClass().getName(), e));
            consumers.add(consumer);
        }
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v1-metrics-" + context.getStormId());
            t.setDaemon(true);
            return t;
        });
        thread.scheduleAtFixedRate(() -> tick(clock.currentTimeMillis()), 1, 1, TimeUnit.SECONDS);
    }

    private List<?> consumerEntries() {
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

    private IMetricsConsumer instantiate(Object entry) {
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
            try {
                value = r.metric().getValueAndReset();
            } catch (RuntimeException e) {
                LOG.warn("Metric '{}' of task {} ({}) failed to report; skipped this bucket", r.name(), r.taskId(),
                        r.componentId(), e);
                continue;
            }
            if (value != null) {
                registry.recordValue(r.taskId(), r.name(), value);
                pointsByTask.computeIfAbsent(r.taskId(), t -> new ArrayList<>())
                        .add(new IMetricsConsumer.DataPoint(r.name(), value));
                intervalByTask.put(r.taskId(), r.bucketSecs());
            }
        }
        nextDueSecs.replaceAll((bucket, due) -> nowSecs >= due ? nowSecs + bucket : due);
        for (Map.Entry<Integer, List<IMetricsConsumer.DataPoint>> e : pointsByTask.entrySet()) {
            IMetricsConsumer.TaskInfo info = new IMetricsConsumer.TaskInfo(host, context.getThisWorkerPort(),
                    context.getComponentId(e.getKey()), e.getKey(), nowSecs, intervalByTask.get(e.getKey()));
            for (IMetricsConsumer consumer : consumers) {
                try {
                    consumer.handleDataPoints(info, e.getValue());
                } catch (RuntimeException ex) {
                    LOG.warn("Metrics consumer {} failed on the data points of task {}", consumer.getClass().getName(),
                            e.getKey(), ex);
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
        for (IMetricsConsumer c : consumers) {
            try {
                c.cleanup();
            } catch (RuntimeException e) {
                LOG.warn("Metrics consumer {} failed to clean up", c.getClass().getName(), e);
            }
        }
        consumers.clear();
    }
}
