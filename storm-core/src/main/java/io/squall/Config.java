package io.squall;

import com.esotericsoftware.kryo.Serializer;
import io.squall.config.ConfigKeys;
import io.squall.config.UnusedStormKeys;
import io.squall.serialization.DefaultKryoFactory;
import io.squall.serialization.IKryoDecorator;
import io.squall.serialization.IKryoFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A topology's configuration: a map from key to value, with Storm's key constants and typed setters.
 * Values are checked against {@link ConfigKeys} when the topology is submitted. Every key constant of Storm's
 * {@code Config} is here under its name and value: those Squall uses below, the rest in {@link UnusedStormKeys}.
 */
public class Config extends HashMap<String, Object> implements UnusedStormKeys {
    private static final long serialVersionUID = 1L;

    public static final String TOPOLOGY_NAME = ConfigKeys.TOPOLOGY_NAME.name();
    public static final String TOPOLOGY_WORKERS = ConfigKeys.TOPOLOGY_WORKERS.name();
    public static final String TOPOLOGY_ACKER_EXECUTORS = ConfigKeys.TOPOLOGY_ACKER_EXECUTORS.name();
    public static final String TOPOLOGY_MAX_SPOUT_PENDING = ConfigKeys.TOPOLOGY_MAX_SPOUT_PENDING.name();
    public static final String TOPOLOGY_MESSAGE_TIMEOUT_SECS = ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.name();
    public static final String TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS = ConfigKeys.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS.name();
    public static final String TOPOLOGY_DEBUG = ConfigKeys.TOPOLOGY_DEBUG.name();
    public static final String TOPOLOGY_METRICS_CONSUMER_REGISTER = ConfigKeys.TOPOLOGY_METRICS_CONSUMER_REGISTER.name();
    public static final String TOPOLOGY_AUTO_TASK_HOOKS = ConfigKeys.TOPOLOGY_AUTO_TASK_HOOKS.name();
    public static final String TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE =
            ConfigKeys.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE.name();
    public static final String TOPOLOGY_DISABLE_LOADAWARE_MESSAGING =
            ConfigKeys.TOPOLOGY_DISABLE_LOADAWARE_MESSAGING.name();
    public static final String TOPOLOGY_LOCALITYAWARE_HIGHER_BOUND =
            ConfigKeys.TOPOLOGY_LOCALITYAWARE_HIGHER_BOUND.name();
    public static final String TOPOLOGY_LOCALITYAWARE_LOWER_BOUND = ConfigKeys.TOPOLOGY_LOCALITYAWARE_LOWER_BOUND.name();
    public static final String TOPOLOGY_WORKER_CHILDOPTS = ConfigKeys.TOPOLOGY_WORKER_CHILDOPTS.name();
    public static final String TOPOLOGY_WORKER_GC_CHILDOPTS = ConfigKeys.TOPOLOGY_WORKER_GC_CHILDOPTS.name();
    public static final String TOPOLOGY_WORKER_LOGWRITER_CHILDOPTS = ConfigKeys.TOPOLOGY_WORKER_LOGWRITER_CHILDOPTS.name();
    public static final String TOPOLOGY_WORKER_MAX_HEAP_SIZE_MB = ConfigKeys.TOPOLOGY_WORKER_MAX_HEAP_SIZE_MB.name();
    public static final String TOPOLOGY_KRYO_DECORATORS = ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name();
    public static final String TOPOLOGY_KRYO_FACTORY = ConfigKeys.TOPOLOGY_KRYO_FACTORY.name();
    public static final String STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN =
            ConfigKeys.STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN.name();
    public static final String TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS =
            ConfigKeys.TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS.name();
    public static final String TOPOLOGY_STATS_SAMPLE_RATE = ConfigKeys.TOPOLOGY_STATS_SAMPLE_RATE.name();
    public static final String TOPOLOGY_EVENTLOGGER_EXECUTORS = ConfigKeys.TOPOLOGY_EVENTLOGGER_EXECUTORS.name();
    /** The event loggers of a topology: a list of {@code {"class": NAME, "arguments": {...}}}. */
    public static final String TOPOLOGY_EVENT_LOGGER_REGISTER = ConfigKeys.TOPOLOGY_EVENT_LOGGER_REGISTER.name();
    public static final String TOPOLOGY_SPOUT_WAIT_STRATEGY = ConfigKeys.TOPOLOGY_SPOUT_WAIT_STRATEGY.name();
    public static final String TOPOLOGY_BOLT_WAIT_STRATEGY = ConfigKeys.TOPOLOGY_BOLT_WAIT_STRATEGY.name();
    public static final String TOPOLOGY_SLEEP_SPOUT_WAIT_STRATEGY_TIME_MS =
            ConfigKeys.TOPOLOGY_SLEEP_SPOUT_WAIT_STRATEGY_TIME_MS.name();
    public static final String TOPOLOGY_BACKPRESSURE_ENABLE = ConfigKeys.TOPOLOGY_BACKPRESSURE_ENABLE.name();
    public static final String TOPOLOGY_BACKPRESSURE_WAIT_STRATEGY = ConfigKeys.TOPOLOGY_BACKPRESSURE_WAIT_STRATEGY.name();
    public static final String TOPOLOGY_BACKPRESSURE_CHECK_MILLIS = ConfigKeys.TOPOLOGY_BACKPRESSURE_CHECK_MILLIS.name();
    public static final String TOPOLOGY_TRANSFER_BUFFER_SIZE = ConfigKeys.TOPOLOGY_TRANSFER_BUFFER_SIZE.name();
    public static final String TOPOLOGY_TRANSFER_BATCH_SIZE = ConfigKeys.TOPOLOGY_TRANSFER_BATCH_SIZE.name();
    public static final String TOPOLOGY_BATCH_FLUSH_INTERVAL_MILLIS = ConfigKeys.TOPOLOGY_BATCH_FLUSH_INTERVAL_MILLIS.name();
    public static final String TOPOLOGY_ENVIRONMENT = ConfigKeys.TOPOLOGY_ENVIRONMENT.name();
    /** The blobs a topology's workers find in their working directory (see the README's blob store section). */
    public static final String TOPOLOGY_BLOBSTORE_MAP = ConfigKeys.TOPOLOGY_BLOBSTORE_MAP.name();
    public static final String TOPOLOGY_CLASSPATH = ConfigKeys.TOPOLOGY_CLASSPATH.name();
    public static final String TOPOLOGY_MAX_ERROR_REPORT_PER_INTERVAL =
            ConfigKeys.TOPOLOGY_MAX_ERROR_REPORT_PER_INTERVAL.name();
    public static final String TOPOLOGY_ERROR_THROTTLE_INTERVAL_SECS = ConfigKeys.TOPOLOGY_ERROR_THROTTLE_INTERVAL_SECS.name();
    public static final String TOPOLOGY_PRIORITY = ConfigKeys.TOPOLOGY_PRIORITY.name();
    public static final String TOPOLOGY_SCHEDULER_STRATEGY = ConfigKeys.TOPOLOGY_SCHEDULER_STRATEGY.name();
    public static final String TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB =
            ConfigKeys.TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB.name();
    public static final String TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB =
            ConfigKeys.TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB.name();
    public static final String TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT = ConfigKeys.TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT.name();
    public static final String TOPOLOGY_RAS_ONE_EXECUTOR_PER_WORKER = ConfigKeys.TOPOLOGY_RAS_ONE_EXECUTOR_PER_WORKER.name();
    public static final String TOPOLOGY_USERS = ConfigKeys.TOPOLOGY_USERS.name();
    public static final String TOPOLOGY_GROUPS = ConfigKeys.TOPOLOGY_GROUPS.name();
    public static final String TOPOLOGY_TICK_TUPLE_FREQ_SECS = ConfigKeys.TOPOLOGY_TICK_TUPLE_FREQ_SECS.name();
    public static final String TOPOLOGY_MAX_TASK_PARALLELISM = ConfigKeys.TOPOLOGY_MAX_TASK_PARALLELISM.name();
    public static final String TOPOLOGY_KRYO_REGISTER = ConfigKeys.TOPOLOGY_KRYO_REGISTER.name();
    public static final String TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION =
            ConfigKeys.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION.name();
    public static final String TOPOLOGY_SERIALIZATION_CHECK = ConfigKeys.TOPOLOGY_SERIALIZATION_CHECK.name();
    public static final String TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE =
            ConfigKeys.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE.name();
    public static final String TOPOLOGY_PRODUCER_BATCH_SIZE = ConfigKeys.TOPOLOGY_PRODUCER_BATCH_SIZE.name();
    public static final String TOPOLOGY_EXECUTOR_WAIT_STRATEGY = ConfigKeys.TOPOLOGY_EXECUTOR_WAIT_STRATEGY.name();
    public static final String TOPOLOGY_ACKER_IN_SPOUT = ConfigKeys.TOPOLOGY_ACKER_IN_SPOUT.name();
    public static final String TOPOLOGY_SPOUT_BATCH_SIZE = ConfigKeys.TOPOLOGY_SPOUT_BATCH_SIZE.name();
    public static final String TOPOLOGY_BACKPRESSURE_HIGH_WATERMARK =
            ConfigKeys.TOPOLOGY_BACKPRESSURE_HIGH_WATERMARK.name();
    public static final String TOPOLOGY_BACKPRESSURE_LOW_WATERMARK =
            ConfigKeys.TOPOLOGY_BACKPRESSURE_LOW_WATERMARK.name();
    public static final String TOPOLOGY_WORKER_DIE_ON_ERROR = ConfigKeys.TOPOLOGY_DIE_ON_ERROR.name();
    public static final String TOPOLOGY_STATE_PROVIDER = ConfigKeys.TOPOLOGY_STATE_PROVIDER.name();
    public static final String TOPOLOGY_STATE_PROVIDER_CONFIG = ConfigKeys.TOPOLOGY_STATE_PROVIDER_CONFIG.name();
    public static final String TOPOLOGY_STATE_CHECKPOINT_INTERVAL = ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.name();
    /** Key groups of each keyed stateful bolt, fixed at submit: the most tasks a rebalance can give it (128). */
    public static final String TOPOLOGY_STATE_KEY_GROUPS = ConfigKeys.TOPOLOGY_STATE_KEY_GROUPS.name();
    public static final String TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT = ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT.name();
    public static final String TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS =
            ConfigKeys.TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS.name();
    public static final String TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT =
            ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT.name();
    public static final String TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS =
            ConfigKeys.TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS.name();
    public static final String TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_FIELD_NAME =
            ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_FIELD_NAME.name();
    public static final String TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_MAX_LAG_MS =
            ConfigKeys.TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_MAX_LAG_MS.name();
    public static final String TOPOLOGY_BOLTS_WATERMARK_EVENT_INTERVAL_MS =
            ConfigKeys.TOPOLOGY_BOLTS_WATERMARK_EVENT_INTERVAL_MS.name();
    public static final String TOPOLOGY_BOLTS_MESSAGE_ID_FIELD_NAME =
            ConfigKeys.TOPOLOGY_BOLTS_MESSAGE_ID_FIELD_NAME.name();
    public static final String TOPOLOGY_BOLTS_LATE_TUPLE_STREAM = ConfigKeys.TOPOLOGY_BOLTS_LATE_TUPLE_STREAM.name();
    public static final String TOPOLOGY_WORKER_METRICS = ConfigKeys.TOPOLOGY_WORKER_METRICS.name();
    public static final String TOPOLOGY_BUILTIN_METRICS_BUCKET_SIZE_SECS =
            ConfigKeys.TOPOLOGY_BUILTIN_METRICS_BUCKET_SIZE_SECS.name();
    public static final String TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS =
            ConfigKeys.TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS.name();
    public static final String TOPOLOGY_MULTILANG_SERIALIZER = ConfigKeys.TOPOLOGY_MULTILANG_SERIALIZER.name();
    public static final String TOPOLOGY_SUBPROCESS_TIMEOUT_SECS = ConfigKeys.TOPOLOGY_SUBPROCESS_TIMEOUT_SECS.name();
    public static final String TOPOLOGY_SHELLBOLT_MAX_PENDING = ConfigKeys.TOPOLOGY_SHELLBOLT_MAX_PENDING.name();
    /**
     * A component's number of tasks: {@code addConfiguration(TOPOLOGY_TASKS, n)} on a declarer is
     * {@code setNumTasks(n)}, as in Storm.
     */
    public static final String TOPOLOGY_TASKS = "topology.tasks";
    /** Where Trident keeps its coordinators' state: ZooKeeper hosts, port and root (default: the cluster's). */
    public static final String TRANSACTIONAL_ZOOKEEPER_SERVERS = "transactional.zookeeper.servers";
    public static final String TRANSACTIONAL_ZOOKEEPER_PORT = "transactional.zookeeper.port";
    public static final String TRANSACTIONAL_ZOOKEEPER_ROOT = "transactional.zookeeper.root";
    public static final String TOPOLOGY_SUBMITTER_USER = ConfigKeys.TOPOLOGY_SUBMITTER_USER.name();
    public static final String DRPC_SERVERS = ConfigKeys.DRPC_SERVERS.name();
    public static final String SUPERVISOR_WORKER_TIMEOUT_SECS = ConfigKeys.SUPERVISOR_WORKER_TIMEOUT_SECS.name();
    public static final String STORM_ZOOKEEPER_SERVERS = ConfigKeys.STORM_ZOOKEEPER_SERVERS.name();
    public static final String STORM_ZOOKEEPER_PORT = ConfigKeys.STORM_ZOOKEEPER_PORT.name();
    public static final String TOPOLOGY_METRICS_REPORTERS = ConfigKeys.TOPOLOGY_METRICS_REPORTERS.name();
    public static final String NIMBUS_SEEDS = ConfigKeys.NIMBUS_SEEDS.name();
    public static final String STORM_ZOOKEEPER_ROOT = ConfigKeys.STORM_ZOOKEEPER_ROOT.name();
    public static final String WORKER_CHILDOPTS = ConfigKeys.WORKER_CHILDOPTS.name();
    public static final String WORKER_HEAP_MEMORY_MB = ConfigKeys.WORKER_HEAP_MEMORY_MB.name();
    public static final String NIMBUS_ADMINS = ConfigKeys.NIMBUS_ADMINS.name();
    public static final String STORM_LOCAL_DIR = ConfigKeys.STORM_LOCAL_DIR.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_PLUGINS =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGINS.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_CSV_LOG_DIR =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_CSV_LOG_DIR.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_PLUGIN_DOMAIN =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_DOMAIN.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_PLUGIN_LOCALE =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_LOCALE.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_PLUGIN_RATE_UNIT =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_RATE_UNIT.name();
    public static final String STORM_DAEMON_METRICS_REPORTER_PLUGIN_DURATION_UNIT =
            ConfigKeys.STORM_DAEMON_METRICS_REPORTER_PLUGIN_DURATION_UNIT.name();
    public static final String STORM_ZOOKEEPER_CONNECTION_TIMEOUT =
            ConfigKeys.STORM_ZOOKEEPER_CONNECTION_TIMEOUT.name();
    public static final String STORM_ZOOKEEPER_SESSION_TIMEOUT = ConfigKeys.STORM_ZOOKEEPER_SESSION_TIMEOUT.name();
    public static final String DRPC_AUTHORIZER_ACL = ConfigKeys.DRPC_AUTHORIZER_ACL.name();
    public static final String DRPC_AUTHORIZER_ACL_STRICT = ConfigKeys.DRPC_AUTHORIZER_ACL_STRICT.name();

    /** Sets the number of worker processes. */
    public void setNumWorkers(int workers) {
        setNumWorkers(this, workers);
    }

    /** Sets the number of worker processes in any configuration map. */
    public static void setNumWorkers(Map<String, Object> conf, int workers) {
        conf.put(TOPOLOGY_WORKERS, workers);
    }

    /** Sets the number of acker executors; 0 turns acking off. */
    public void setNumAckers(int ackers) {
        setNumAckers(this, ackers);
    }

    /** Sets the number of acker executors in any configuration map. */
    public static void setNumAckers(Map<String, Object> conf, int ackers) {
        conf.put(TOPOLOGY_ACKER_EXECUTORS, ackers);
    }

    /** Sets the most tuple trees a spout task may have pending. */
    public void setMaxSpoutPending(int max) {
        setMaxSpoutPending(this, max);
    }

    /** Sets the most pending tuple trees per spout task in any configuration map. */
    public static void setMaxSpoutPending(Map<String, Object> conf, int max) {
        conf.put(TOPOLOGY_MAX_SPOUT_PENDING, max);
    }

    /** Sets how long a tuple tree may take before its spout tuple fails. */
    public void setMessageTimeoutSecs(int secs) {
        setMessageTimeoutSecs(this, secs);
    }

    /** Sets the message timeout in any configuration map. */
    public static void setMessageTimeoutSecs(Map<String, Object> conf, int secs) {
        conf.put(TOPOLOGY_MESSAGE_TIMEOUT_SECS, secs);
    }

    /** Logs every emitted tuple when true. */
    public void setDebug(boolean debug) {
        setDebug(this, debug);
    }

    /** Sets debug logging in any configuration map. */
    public static void setDebug(Map<String, Object> conf, boolean debug) {
        conf.put(TOPOLOGY_DEBUG, debug);
    }

    /** Caps every component's parallelism. */
    public void setMaxTaskParallelism(int max) {
        put(TOPOLOGY_MAX_TASK_PARALLELISM, max);
    }

    /** Sends tick tuples to every bolt every {@code secs} seconds. */
    public void setTickTupleFreqSecs(int secs) {
        put(TOPOLOGY_TICK_TUPLE_FREQ_SECS, secs);
    }

    /** Caps every component's parallelism in any configuration map. */
    public static void setMaxTaskParallelism(Map<String, Object> conf, int max) {
        conf.put(TOPOLOGY_MAX_TASK_PARALLELISM, max);
    }

    /** Lets unregistered Serializable classes travel with Java serialization. */
    public void setFallBackOnJavaSerialization(boolean fallBack) {
        setFallBackOnJavaSerialization(this, fallBack);
    }

    /** Sets the Java serialization fallback in any configuration map. */
    public static void setFallBackOnJavaSerialization(Map<String, Object> conf, boolean fallBack) {
        conf.put(TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION, fallBack);
    }

    /** Has every Kryo instance of the topology decorated by {@code klass} (see {@link IKryoDecorator}). */
    public void registerDecorator(Class<? extends IKryoDecorator> klass) {
        registerDecorator(this, klass);
    }

    /** {@link #registerDecorator(Class)} in any configuration map. */
    @SuppressWarnings("unchecked")
    public static void registerDecorator(Map<String, Object> conf, Class<? extends IKryoDecorator> klass) {
        Object existing = conf.get(TOPOLOGY_KRYO_DECORATORS);
        List<Object> list = existing == null ? new ArrayList<>() : new ArrayList<>((List<Object>) existing);
        list.add(klass.getName());
        conf.put(TOPOLOGY_KRYO_DECORATORS, list);
    }

    /**
     * Has every Kryo instance of the topology made by {@code klass} instead of the {@link DefaultKryoFactory}, and
     * its hooks called around the registrations and decorators (see {@link IKryoFactory}).
     */
    public void setKryoFactory(Class<? extends IKryoFactory> klass) {
        setKryoFactory(this, klass);
    }

    /** {@link #setKryoFactory(Class)} in any configuration map. */
    public static void setKryoFactory(Map<String, Object> conf, Class<? extends IKryoFactory> klass) {
        conf.put(TOPOLOGY_KRYO_FACTORY, klass.getName());
    }

    /**
     * Sets {@code topology.skip.missing.kryo.registrations}: true leaves out, with a log line, a registered class,
     * serializer or decorator that is not on the topology's class path, instead of refusing the topology.
     */
    public void setSkipMissingKryoRegistrations(boolean skip) {
        setSkipMissingKryoRegistrations(this, skip);
    }

    /** {@link #setSkipMissingKryoRegistrations(boolean)} in any configuration map. */
    public static void setSkipMissingKryoRegistrations(Map<String, Object> conf, boolean skip) {
        conf.put(TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS, skip);
    }

    /** Sets Storm's {@code topology.stats.sample.rate}, which Squall accepts but does not use: its counts are exact. */
    public void setStatsSampleRate(double rate) {
        setStatsSampleRate(this, rate);
    }

    /** {@link #setStatsSampleRate(double)} in any configuration map. */
    public static void setStatsSampleRate(Map<String, Object> conf, double rate) {
        conf.put(TOPOLOGY_STATS_SAMPLE_RATE, rate);
    }

    /**
     * Registers an event logger (an {@code io.squall.metric.IEventLogger}, named by class so that this class stays
     * below the metric package), which gets the tuples sampled while the topology or a component is debugged
     * (Storm's event logging); without any, a {@code FileBasedEventLogger} writes them beside the worker's log.
     */
    public void registerEventLogger(Class<?> klass, Map<String, Object> argument) {
        registerEventLogger(this, klass, argument);
    }

    /** {@link #registerEventLogger(Class, Map)} without arguments. */
    public void registerEventLogger(Class<?> klass) {
        registerEventLogger(this, klass, null);
    }

    /** {@link #registerEventLogger(Class, Map)} in any configuration map. */
    @SuppressWarnings("unchecked")
    public static void registerEventLogger(Map<String, Object> conf, Class<?> klass, Map<String, Object> argument) {
        Map<String, Object> entry = new java.util.HashMap<>();
        entry.put("class", klass.getName());
        if (argument != null) {
            entry.put("arguments", argument);
        }
        List<Object> registered = new ArrayList<>();
        if (conf.get(TOPOLOGY_EVENT_LOGGER_REGISTER) instanceof List<?> l) {
            registered.addAll(l);
        }
        registered.add(entry);
        conf.put(TOPOLOGY_EVENT_LOGGER_REGISTER, registered);
    }

    /** {@link #registerEventLogger(Class)} in any configuration map. */
    public static void registerEventLogger(Map<String, Object> conf, Class<?> klass) {
        registerEventLogger(conf, klass, null);
    }

    /**
     * Sets Storm's {@code topology.eventlogger.executors}: 0 turns event logging off; Squall samples in the executors
     * and runs no event logger executors, so any other value only leaves it on.
     */
    public void setNumEventLoggers(int executors) {
        setNumEventLoggers(this, executors);
    }

    /** {@link #setNumEventLoggers(int)} in any configuration map. */
    public static void setNumEventLoggers(Map<String, Object> conf, int executors) {
        conf.put(TOPOLOGY_EVENTLOGGER_EXECUTORS, executors);
    }

    /** Sets Storm's {@code topology.classpath}, which Squall accepts but does not use (see the key's doc). */
    public void setClasspath(String classpath) {
        setClasspath(this, classpath);
    }

    /** {@link #setClasspath(String)} in any configuration map. */
    public static void setClasspath(Map<String, Object> conf, String classpath) {
        conf.put(TOPOLOGY_CLASSPATH, classpath);
    }

    /** Sets Storm's {@code topology.environment}, which Squall accepts but does not use (see the key's doc). */
    public void setEnvironment(Map<String, Object> environment) {
        setEnvironment(this, environment);
    }

    /** {@link #setEnvironment(Map)} in any configuration map. */
    public static void setEnvironment(Map<String, Object> conf, Map<String, Object> environment) {
        conf.put(TOPOLOGY_ENVIRONMENT, environment);
    }

    /** Sets Storm's {@code topology.version}, a label Squall keeps in the configuration and does not use. */
    public void setTopologyVersion(String version) {
        setTopologyVersion(this, version);
    }

    /** {@link #setTopologyVersion(String)} in any configuration map. */
    public static void setTopologyVersion(Map<String, Object> conf, String version) {
        conf.put(TOPOLOGY_VERSION, version);
    }

    /**
     * Adds a pair to Storm's {@code topology.ras.constraints} (two components whose executors its resource-aware
     * scheduler keeps apart), which Squall accepts but does not use.
     */
    @SuppressWarnings("unchecked")
    public void setTopologyComponentWorkerConstraints(String component1, String component2) {
        if (component1 != null && component2 != null) {
            List<List<String>> pairs = (List<List<String>>) computeIfAbsent(TOPOLOGY_RAS_CONSTRAINTS,
                    k -> new ArrayList<>());
            pairs.add(List.of(component1, component2));
        }
    }

    /** Sets Storm's {@code topology.ras.constraint.max.state.search}, which Squall accepts but does not use. */
    public void setTopologyConstraintsMaxStateSearch(int states) {
        put(TOPOLOGY_RAS_CONSTRAINT_MAX_STATE_SEARCH, states);
    }

    /** Registers a class with Kryo, serialized by Kryo's default field serializer. */
    public void registerSerialization(Class<?> klass) {
        registerSerialization(this, klass);
    }

    /** Registers a class with Kryo in any configuration map. */
    public static void registerSerialization(Map<String, Object> conf, Class<?> klass) {
        registrations(conf).add(klass.getName());
    }

    /** Registers a class with Kryo with its own serializer. */
    public void registerSerialization(Class<?> klass, Class<? extends Serializer<?>> serializerClass) {
        registerSerialization(this, klass, serializerClass);
    }

    /** Registers a class and its serializer with Kryo in any configuration map. */
    public static void registerSerialization(Map<String, Object> conf, Class<?> klass,
                                             Class<? extends Serializer<?>> serializerClass) {
        Map<String, String> entry = new HashMap<>();
        entry.put(klass.getName(), serializerClass.getName());
        registrations(conf).add(entry);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> registrations(Map<String, Object> conf) {
        Object existing = conf.get(TOPOLOGY_KRYO_REGISTER);
        List<Object> list = existing == null ? new ArrayList<>() : new ArrayList<>((List<Object>) existing);
        conf.put(TOPOLOGY_KRYO_REGISTER, list);
        return list;
    }

    /**
     * Registers a Storm v1 metrics consumer: each worker creates one and hands it its tasks' metrics
     * ({@code TopologyContext.registerMetric}). The parallelism hint is kept for Storm compatibility; Squall
     * runs one instance per worker.
     */
    public void registerMetricsConsumer(Class<?> klass, Object argument, long parallelismHint) {
        registerMetricsConsumer(this, klass, argument, parallelismHint);
    }

    /** {@link #registerMetricsConsumer(Class, Object, long)} without argument. */
    public void registerMetricsConsumer(Class<?> klass, long parallelismHint) {
        registerMetricsConsumer(klass, null, parallelismHint);
    }

    /** {@link #registerMetricsConsumer(Class, Object, long)} without argument, parallelism hint 1. */
    public void registerMetricsConsumer(Class<?> klass) {
        registerMetricsConsumer(klass, null, 1L);
    }

    /**
     * Storm's static form of {@link #registerMetricsConsumer(Class, Object, long)}, for a configuration held as a
     * plain map: adds the consumer to {@code conf}'s {@code topology.metrics.consumer.register}.
     */
    @SuppressWarnings("unchecked")
    public static void registerMetricsConsumer(Map<String, Object> conf, Class<?> klass, Object argument,
                                               long parallelismHint) {
        if (klass == null) {
            throw new IllegalArgumentException("registerMetricsConsumer needs a consumer class");
        }
        Map<String, Object> entry = new HashMap<>();
        entry.put("class", klass.getName());
        entry.put("parallelism.hint", parallelismHint);
        entry.put("argument", argument);
        List<Object> list = (List<Object>) conf.computeIfAbsent(TOPOLOGY_METRICS_CONSUMER_REGISTER,
                k -> new ArrayList<>());
        list.add(entry);
    }

    /** Storm's static {@link #registerMetricsConsumer(Map, Class, Object, long)} without argument. */
    public static void registerMetricsConsumer(Map<String, Object> conf, Class<?> klass, long parallelismHint) {
        registerMetricsConsumer(conf, klass, null, parallelismHint);
    }

    /** Storm's static {@link #registerMetricsConsumer(Map, Class, Object, long)} without argument, parallelism 1. */
    public static void registerMetricsConsumer(Map<String, Object> conf, Class<?> klass) {
        registerMetricsConsumer(conf, klass, null, 1L);
    }

    /** Storm's topology priority for its resource-aware scheduler; kept, no effect in Squall. */
    public void setTopologyPriority(int priority) {
        put(TOPOLOGY_PRIORITY, priority);
    }

    /** Storm's resource-aware scheduling strategy (a class name); kept, no effect in Squall. */
    public void setTopologyStrategy(String strategy) {
        put(TOPOLOGY_SCHEDULER_STRATEGY, strategy);
    }

    /** Sets {@code topology.worker.max.heap.size.mb}, which Squall accepts but does not use (no resource-aware scheduler). */
    public void setTopologyWorkerMaxHeapSize(Number size) {
        put(TOPOLOGY_WORKER_MAX_HEAP_SIZE_MB, size == null ? null : size.doubleValue());
    }
}
