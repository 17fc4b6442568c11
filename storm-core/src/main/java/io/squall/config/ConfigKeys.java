package io.squall.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog of configuration keys Squall understands, with types, defaults and documentation. Every
 * key here is documented in {@code conf/squall.yaml} (a test keeps the two in step).
 */
public final class ConfigKeys {
    private static final Map<String, ConfigKey> KEYS = new LinkedHashMap<>();
    private static final double ANY = Double.NEGATIVE_INFINITY;

    public static final ConfigKey TOPOLOGY_NAME = key("topology.name", ConfigKey.Type.STRING, null, ANY,
            "the topology's name, set at submit");
    public static final ConfigKey TOPOLOGY_WORKERS = key("topology.workers", ConfigKey.Type.INT, 1, 1,
            "number of worker processes for the topology");
    public static final ConfigKey TOPOLOGY_ACKER_EXECUTORS = key("topology.acker.executors", ConfigKey.Type.INT,
            null, 0, "acker executors; unset means one per worker, 0 turns acking off (tuples are acked at emit)");
    public static final ConfigKey TOPOLOGY_ACKER_IN_SPOUT = key("topology.acker.in.spout", ConfigKey.Type.BOOLEAN,
            true, ANY, "track each tuple tree in the executor of the spout that emitted it, with no acker executors "
                    + "(fewer threads and hand-offs per tree); false runs topology.acker.executors acker executors as Storm does");
    public static final ConfigKey TOPOLOGY_MAX_SPOUT_PENDING = key("topology.max.spout.pending", ConfigKey.Type.INT,
            null, 1, "most tuple trees a spout task may have pending; unset means no limit");
    public static final ConfigKey TOPOLOGY_MESSAGE_TIMEOUT_SECS = key("topology.message.timeout.secs",
            ConfigKey.Type.INT, 30, 1, "seconds a tuple tree may take before its spout tuple is failed");
    public static final ConfigKey TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS = key("topology.enable.message.timeouts",
            ConfigKey.Type.BOOLEAN, true, ANY, "whether pending tuple trees time out at all");
    public static final ConfigKey TOPOLOGY_DEBUG = key("topology.debug", ConfigKey.Type.BOOLEAN, false, ANY,
            "log every emitted tuple");
    public static final ConfigKey TOPOLOGY_TICK_TUPLE_FREQ_SECS = key("topology.tick.tuple.freq.secs",
            ConfigKey.Type.INT, null, 1, "send a tick tuple to each bolt task every this many seconds; unset means none");
    public static final ConfigKey TOPOLOGY_MAX_TASK_PARALLELISM = key("topology.max.task.parallelism",
            ConfigKey.Type.INT, null, 1, "cap on any component's parallelism");
    public static final ConfigKey TOPOLOGY_KRYO_REGISTER = key("topology.kryo.register",
            ConfigKey.Type.LIST_OR_MAP, null, ANY, "classes to register with Kryo: a list of class names and {class: "
                    + "serializer class} maps, or one map of class to serializer class (null: Kryo's own); the "
                    + "registrations of every component's configuration are added to the topology's");
    public static final ConfigKey TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION = key(
            "topology.fall.back.on.java.serialization", ConfigKey.Type.BOOLEAN, true, ANY,
            "serialize unregistered Serializable classes with Java serialization instead of failing");
    public static final ConfigKey TOPOLOGY_SERIALIZATION_CHECK = key("topology.serialization.check",
            ConfigKey.Type.BOOLEAN, true, ANY,
            "in local mode, serialize the first value of each class on each stream once and log a warning naming "
                    + "what would fail across workers (topology.testing.always.try.serialize: true stops the topology)");
    public static final ConfigKey TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE = key(
            "topology.executor.receive.buffer.size", ConfigKey.Type.INT, 16384, 2,
            "slots in each executor's receive queue (rounded up to a power of two); each executor or connection "
                    + "sending to it has a lane of its own of this size, at most 16384 slots; the backpressure "
                    + "watermarks are fractions of this size and count every lane");
    public static final ConfigKey TOPOLOGY_PRODUCER_BATCH_SIZE = key("topology.producer.batch.size",
            ConfigKey.Type.INT, 64, 1, "most tuples an executor buffers per destination queue before publishing them");
    public static final ConfigKey TOPOLOGY_EXECUTOR_WAIT_STRATEGY = key("topology.executor.wait.strategy",
            ConfigKey.Type.STRING, "progressive", ANY,
            "how an idle executor waits: progressive (spin, yield, then park until woken), park, yield or busy-spin");
    public static final ConfigKey TOPOLOGY_SPOUT_BATCH_SIZE = key("topology.spout.batch.size", ConfigKey.Type.INT,
            64, 1, "most nextTuple calls a spout executor makes before it publishes and drains its queue");
    public static final ConfigKey TOPOLOGY_BACKPRESSURE_HIGH_WATERMARK = key("topology.backpressure.high.watermark",
            ConfigKey.Type.DOUBLE, 0.9, 0, "queue fill ratio at which the queue is congested and spouts stop");
    public static final ConfigKey TOPOLOGY_BACKPRESSURE_LOW_WATERMARK = key("topology.backpressure.low.watermark",
            ConfigKey.Type.DOUBLE, 0.4, 0, "queue fill ratio below which a congested queue is relieved");
    public static final ConfigKey TOPOLOGY_DIE_ON_ERROR = key("topology.worker.die.on.error", ConfigKey.Type.BOOLEAN,
            false, ANY, "stop the topology when a spout or bolt throws, instead of failing the tuple and going on");
    public static final ConfigKey TOPOLOGY_TRIDENT_BATCH_EMIT_INTERVAL_MILLIS = key(
            "topology.trident.batch.emit.interval.millis", ConfigKey.Type.INT, 50, 0,
            "Trident: least milliseconds between the starts of two new batches (0 starts one as soon as a slot is free)");
    public static final ConfigKey TOPOLOGY_WORKER_METRICS = key("topology.worker.metrics", ConfigKey.Type.MAP, null,
            ANY, "v1 metrics each worker registers for itself, as {name: IMetric class with a no-argument constructor}, "
                    + "reported as the __system component's (task -1) beside the built-in memory/heap, memory/nonHeap "
                    + "and GC/* metrics");
    public static final ConfigKey TOPOLOGY_BUILTIN_METRICS_BUCKET_SIZE_SECS = key(
            "topology.builtin.metrics.bucket.size.secs", ConfigKey.Type.INT, 60, 1,
            "seconds between two reports of the workers' own v1 metrics (topology.worker.metrics and the built-in ones)");
    public static final ConfigKey TOPOLOGY_SPOUT_MAX_BATCH_SIZE = key("topology.spout.max.batch.size",
            ConfigKey.Type.INT, 1000, 1, "Trident: most tuples in one batch of a stream from an ordinary spout "
                    + "(newStream(txId, IRichSpout)), or of storm-jms's TridentJmsSpout");

    public static final ConfigKey TOPOLOGY_STATE_PROVIDER = key("topology.state.provider", ConfigKey.Type.STRING,
            "io.squall.state.InMemoryKeyValueStateProvider", ANY,
            "class of the StateProvider that keeps stateful bolts' state (and the checkpoint spout's)");
    public static final ConfigKey TOPOLOGY_STATE_PROVIDER_CONFIG = key("topology.state.provider.config",
            ConfigKey.Type.STRING, null, ANY, "the state provider's configuration, a JSON object as a string");
    public static final ConfigKey TOPOLOGY_STATE_CHECKPOINT_INTERVAL = key("topology.state.checkpoint.interval.ms",
            ConfigKey.Type.INT, 1000, 1, "milliseconds between the end of one checkpoint and the start of the next");
    public static final ConfigKey TOPOLOGY_STATE_CHECK_EVERY_TUPLE = key("topology.state.check.every.tuple",
            ConfigKey.Type.BOOLEAN, true, ANY, "stateful bolts check every spout tuple against their applied log; false "
            + "checks only those a spout task emits after failing their message id or after its start: cheaper, but a "
            + "spout that re-emits a message id on its own then has those updates applied twice");
    public static final ConfigKey TOPOLOGY_STATE_KEY_GROUPS = key("topology.state.key.groups", ConfigKey.Type.INT,
            128, 1, "key groups of each keyed stateful bolt, fixed for the topology's life: its most tasks");

    // Cluster daemons and their transport.
    public static final ConfigKey STORM_ZOOKEEPER_SERVERS = key(
            "storm.zookeeper.servers", ConfigKey.Type.LIST, List.of("localhost"), ANY,
            "hosts of the ZooKeeper ensemble");
    public static final ConfigKey STORM_ZOOKEEPER_PORT = key("storm.zookeeper.port", ConfigKey.Type.INT, 2181, 1,
            "port of the ZooKeeper servers (and of bin/squall dev-zookeeper)");
    public static final ConfigKey STORM_ZOOKEEPER_ROOT = key(
            "storm.zookeeper.root", ConfigKey.Type.STRING, "/squall", ANY,
            "the ZooKeeper node under which all cluster state lives");
    public static final ConfigKey STORM_ZOOKEEPER_SESSION_TIMEOUT = key(
            "storm.zookeeper.session.timeout", ConfigKey.Type.INT, 20000, 1,
            "ZooKeeper session timeout in ms: a daemon that is silent this long counts as dead");
    public static final ConfigKey STORM_ZOOKEEPER_CONNECTION_TIMEOUT = key(
            "storm.zookeeper.connection.timeout", ConfigKey.Type.INT, 15000, 1,
            "milliseconds to wait for a ZooKeeper connection");
    public static final ConfigKey STORM_LOCAL_DIR = key("storm.local.dir", ConfigKey.Type.STRING, "squall-local", ANY,
            "directory for daemon state: Nimbus's code store, supervisors' downloaded topologies, dev ZooKeeper data");
    public static final ConfigKey SQUALL_NATIVE_DIR = key("squall.native.dir", ConfigKey.Type.STRING, null, ANY,
            "directory where native libraries (RocksDB's JNI library) are extracted once per build and loaded from, "
                    + "instead of a copy per process in java.io.tmpdir that a killed process leaves behind; unset "
                    + "means storm.local.dir/native. A supervisor passes it to its workers");
    public static final ConfigKey DEV_ZOOKEEPER_PATH = key("dev.zookeeper.path", ConfigKey.Type.STRING, null, ANY,
            "data directory of bin/squall dev-zookeeper; unset means storm.local.dir/dev-zookeeper");
    public static final ConfigKey DEV_ZOOKEEPER_HOST = key("dev.zookeeper.host", ConfigKey.Type.STRING, "127.0.0.1",
            ANY, "the address bin/squall dev-zookeeper binds: loopback by default; 0.0.0.0 serves every interface");
    public static final ConfigKey NIMBUS_SEEDS = key(
            "nimbus.seeds", ConfigKey.Type.LIST, List.of("localhost:6627"), ANY,
            "host:port of every Nimbus; clients and supervisors ask each until the leader answers");
    public static final ConfigKey NIMBUS_HOST = key("nimbus.host", ConfigKey.Type.STRING, "localhost", ANY,
            "the address this Nimbus binds and advertises");
    public static final ConfigKey NIMBUS_PORT = key("nimbus.port", ConfigKey.Type.INT, 6627, 0,
            "the port of this Nimbus's HTTP/JSON API");
    public static final ConfigKey NIMBUS_MONITOR_FREQ_MS = key("nimbus.monitor.freq.ms", ConfigKey.Type.INT, 2000, 1,
            "how often Nimbus checks supervisors and reassigns lost workers, in ms");
    public static final ConfigKey NIMBUS_MAX_UPLOAD_BYTES = key(
            "nimbus.max.upload.bytes", ConfigKey.Type.INT, 268435456, 1,
            "largest request Nimbus accepts (topology JAR upload)");
    public static final ConfigKey NIMBUS_SUPERVISOR_TIMEOUT_SECS = key(
            "nimbus.supervisor.timeout.secs", ConfigKey.Type.INT, 10, 0,
            "a supervisor missing from ZooKeeper this long counts as lost and its workers move elsewhere; "
                    + "one that comes back sooner (a ZooKeeper session loss) keeps its workers");
    public static final ConfigKey NIMBUS_UPLOAD_TIMEOUT_SECS = key(
            "nimbus.upload.timeout.secs", ConfigKey.Type.INT, 600, 1,
            "an uploaded topology JAR not submitted within this time is deleted (also at Nimbus start-up)");
    public static final ConfigKey SUPERVISOR_HOST = key("supervisor.host", ConfigKey.Type.STRING, "localhost", ANY,
            "the address this supervisor's workers bind and advertise");
    public static final ConfigKey SUPERVISOR_SLOTS_PORTS = key(
            "supervisor.slots.ports", ConfigKey.Type.LIST, List.of(6700, 6701, 6702, 6703), ANY,
            "worker ports of this supervisor, one worker per port");
    public static final ConfigKey SUPERVISOR_MONITOR_FREQ_MS = key(
            "supervisor.monitor.freq.ms", ConfigKey.Type.INT, 1000, 1,
            "how often a supervisor syncs its workers with the assignments, in ms");
    public static final ConfigKey SUPERVISOR_LOCALIZER_UPDATE_BLOB_INTERVAL_SECS = key(
            "supervisor.localizer.update.blob.interval.secs", ConfigKey.Type.INT, 30, 1,
            "how often a supervisor (or a local cluster) checks the blobs of topology.blobstore.map for new versions");
    public static final ConfigKey SUPERVISOR_WORKER_TIMEOUT_SECS = key(
            "supervisor.worker.timeout.secs", ConfigKey.Type.INT, 30, 1,
            "a worker without a heartbeat for this long is restarted");
    public static final ConfigKey SUPERVISOR_WORKER_START_TIMEOUT_SECS = key(
            "supervisor.worker.start.timeout.secs", ConfigKey.Type.INT, 120, 1,
            "time a new worker has for its first heartbeat");
    public static final ConfigKey STORM_HEALTH_CHECK_DIR = key("storm.health.check.dir", ConfigKey.Type.STRING,
            "healthchecks", ANY, "directory whose executable files 'squall node-health-check' runs (relative: under "
                    + "Squall's directory)");
    public static final ConfigKey STORM_HEALTH_CHECK_TIMEOUT_MS = key("storm.health.check.timeout.ms",
            ConfigKey.Type.INT, 5000, 1, "how long each health check script may run before it is killed, in ms");
    public static final ConfigKey STORM_HEALTH_CHECK_FAIL_ON_TIMEOUTS = key("storm.health.check.fail.on.timeouts",
            ConfigKey.Type.BOOLEAN, true, ANY, "whether a health check script that times out makes the node unhealthy");
    public static final ConfigKey SUPERVISOR_HEALTH_CHECK_INTERVAL_SECS = key("supervisor.health.check.interval.secs",
            ConfigKey.Type.INT, 30, 1, "how often a supervisor runs the health check scripts of storm.health.check.dir; "
                    + "an unhealthy node's supervisor stops its workers and exits, as Storm's");
    public static final ConfigKey WORKER_HEAP_MEMORY_MB = key("worker.heap.memory.mb", ConfigKey.Type.INT, 768, 16,
            "heap of each worker JVM (-Xmx)");
    public static final ConfigKey WORKER_CHILDOPTS = key("worker.childopts", ConfigKey.Type.STRING, "", ANY,
            "more JVM options for worker JVMs, split at spaces");
    public static final ConfigKey WORKER_YOUNG_GEN_MAX_MB = key("worker.young.gen.max.mb", ConfigKey.Type.INT, 256, 0,
            "largest young generation of a worker JVM (-XX:MaxNewSize, at most half the heap), added when "
                    + "worker.childopts sizes none (-Xmn, -XX:NewSize, -XX:MaxNewSize, -XX:NewRatio, "
                    + "-XX:G1NewSizePercent, -XX:G1MaxNewSizePercent); 0 adds none");
    public static final ConfigKey WORKER_HEARTBEAT_FREQUENCY_MS = key(
            "worker.heartbeat.frequency.ms", ConfigKey.Type.INT, 1000, 1,
            "how often a worker writes its heartbeat and checks its assignment, in ms");
    public static final ConfigKey WORKER_LOGS_DIR = key("squall.logs.dir", ConfigKey.Type.STRING, "logs", ANY,
            "directory of the worker log files, one per worker");
    public static final ConfigKey WORKER_LOG_MAX_FILE_SIZE_MB = key("worker.log.max.file.size.mb",
            ConfigKey.Type.INT, 100, 1, "size in MB at which a worker's log rolls over to a new file");
    public static final ConfigKey WORKER_LOG_MAX_FILES = key("worker.log.max.files", ConfigKey.Type.INT, 10, 2,
            "most files of one worker's log, the current one included (at most 21); the oldest is deleted");
    public static final ConfigKey WORKER_LOGBACK_CONF = key("worker.logback.conf", ConfigKey.Type.STRING, null, ANY,
            "logback configuration file of the workers; unset means the built-in squall-worker-logback.xml");
    public static final ConfigKey MESSAGING_MAX_FRAME_BYTES = key(
            "messaging.max.frame.bytes", ConfigKey.Type.INT, 16777216, 16,
            "largest frame a worker accepts; a bigger one closes the connection");
    public static final ConfigKey MESSAGING_BATCH_BYTES = key("messaging.batch.bytes", ConfigKey.Type.INT, 65536, 1,
            "a batch of tuples for another worker is sent once it holds this many bytes");
    public static final ConfigKey MESSAGING_WRITE_BUFFER_BYTES = key(
            "messaging.write.buffer.bytes", ConfigKey.Type.INT, 8388608, 1,
            "bytes queued on a connection before senders wait (and backpressure builds)");
    public static final ConfigKey MESSAGING_RECONNECT_MIN_MS = key(
            "messaging.reconnect.min.ms", ConfigKey.Type.INT, 100, 1,
            "first delay before reconnecting to a worker, doubled on each failure");
    public static final ConfigKey MESSAGING_RECONNECT_MAX_MS = key(
            "messaging.reconnect.max.ms", ConfigKey.Type.INT, 2000, 1,
            "longest delay between reconnection attempts");
    public static final ConfigKey MESSAGING_INBOUND_CONNECTION_MAX_BYTES = key(
            "messaging.inbound.connection.max.bytes", ConfigKey.Type.INT, 16777216, 16,
            "most bytes one incoming connection may hold of a frame still arriving; a longer frame closes it");
    public static final ConfigKey MESSAGING_INBOUND_MAX_BYTES = key(
            "messaging.inbound.max.bytes", ConfigKey.Type.INT, 134217728, 16,
            "most bytes all incoming connections together may hold of frames still arriving; a connection whose "
                    + "frame does not fit is closed and counted");
    public static final ConfigKey MESSAGING_BACKPRESSURE_REFRESH_MS = key(
            "messaging.backpressure.refresh.ms", ConfigKey.Type.INT, 1000, 1,
            "a worker re-sends its congestion state to the others this often, in ms");
    public static final ConfigKey MESSAGING_BACKPRESSURE_EXPIRY_MS = key(
            "messaging.backpressure.expiry.ms", ConfigKey.Type.INT, 5000, 1,
            "congestion another worker reported and did not refresh for this long is ignored, in ms; must be "
                    + "more than messaging.backpressure.refresh.ms");

    public static final ConfigKey TOPOLOGY_BOLTS_WINDOW_LENGTH_COUNT = key("topology.bolts.window.length.count",
            ConfigKey.Type.INT, null, 1, "a windowed bolt's window length in tuples (set by BaseWindowedBolt)");
    public static final ConfigKey TOPOLOGY_BOLTS_WINDOW_LENGTH_DURATION_MS = key(
            "topology.bolts.window.length.duration.ms", ConfigKey.Type.LONG, null, 1,
            "a windowed bolt's window length in milliseconds (set by BaseWindowedBolt)");
    public static final ConfigKey TOPOLOGY_BOLTS_SLIDING_INTERVAL_COUNT = key(
            "topology.bolts.window.sliding.interval.count", ConfigKey.Type.INT, null, 1,
            "a windowed bolt fires every this many tuples (set by BaseWindowedBolt)");
    public static final ConfigKey TOPOLOGY_BOLTS_SLIDING_INTERVAL_DURATION_MS = key(
            "topology.bolts.window.sliding.interval.duration.ms", ConfigKey.Type.LONG, null, 1,
            "a windowed bolt fires every this many milliseconds (set by BaseWindowedBolt)");
    public static final ConfigKey TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_FIELD_NAME = key(
            "topology.bolts.tuple.timestamp.field.name", ConfigKey.Type.STRING, null, ANY,
            "the field holding a tuple's event time, for windows by event time (set by BaseWindowedBolt)");
    public static final ConfigKey TOPOLOGY_BOLTS_TUPLE_TIMESTAMP_MAX_LAG_MS = key(
            "topology.bolts.tuple.timestamp.max.lag.ms", ConfigKey.Type.LONG, 0L, 0,
            "how far out of order, in milliseconds, event times may arrive before a tuple counts as late");
    public static final ConfigKey TOPOLOGY_BOLTS_WATERMARK_EVENT_INTERVAL_MS = key(
            "topology.bolts.watermark.event.interval.ms", ConfigKey.Type.LONG, 1000L, 1,
            "how often, in milliseconds, a windowed bolt by event time advances its watermark and fires windows");
    public static final ConfigKey TOPOLOGY_BOLTS_LATE_TUPLE_STREAM = key("topology.bolts.late.tuple.stream",
            ConfigKey.Type.STRING, null, ANY,
            "stream on which a windowed bolt emits late tuples; unset means they are logged, counted and dropped");
    public static final ConfigKey TOPOLOGY_BOLTS_EVENT_TIME = key("topology.bolts.event.time", ConfigKey.Type.BOOLEAN,
            null, ANY, "whether a windowed bolt places tuples by event time (set by BaseWindowedBolt and TopologyBuilder)");
    public static final ConfigKey TOPOLOGY_BOLTS_SESSION_GAP_MS = key("topology.bolts.window.session.gap.ms",
            ConfigKey.Type.LONG, null, 1, "a windowed bolt's session gap in ms: a key's session closes after this "
                    + "much event time without a tuple (set by BaseWindowedBolt.withSessionWindow)");
    public static final ConfigKey TOPOLOGY_BOLTS_SESSION_KEY_FIELDS = key("topology.bolts.window.session.key.fields",
            ConfigKey.Type.LIST, null, ANY, "the fields whose values make a session's key; unset means one key");
    public static final ConfigKey TOPOLOGY_BOLTS_MESSAGE_ID_FIELD_NAME = key("topology.bolts.message.id.field.name",
            ConfigKey.Type.STRING, null, ANY, "the field of a stateful windowed bolt's tuples holding an increasing "
                    + "message id, by which it skips windows it evaluated before a failure (set by "
                    + "BaseStatefulWindowedBolt.withMessageIdField)");
    public static final ConfigKey TOPOLOGY_BOLTS_ALLOWED_LATENESS_MS = key("topology.bolts.allowed.lateness.ms",
            ConfigKey.Type.LONG, 0L, 0, "how long, in ms of event time, after a window fired a tuple for it still "
                    + "updates it (the window fires again) instead of counting as late");

    // Event time at the source (set by SpoutDeclarer.withEventTime) and watermarks.
    public static final ConfigKey TOPOLOGY_SPOUT_EVENT_TIME_FIELD = key("topology.spout.event.time.field",
            ConfigKey.Type.STRING, null, ANY, "the field of a spout's tuples holding their event time in ms; unset "
                    + "with a max out-of-orderness means the spout implements IEventTimeSpout");
    public static final ConfigKey TOPOLOGY_SPOUT_MAX_OUT_OF_ORDER_MS = key(
            "topology.spout.event.time.max.out.of.order.ms", ConfigKey.Type.LONG, null, 0,
            "how far out of order, in ms, a spout emits event times; set, the spout's tasks emit watermarks");
    public static final ConfigKey TOPOLOGY_SPOUT_WATERMARK_INTERVAL_MS = key("topology.spout.watermark.interval.ms",
            ConfigKey.Type.LONG, 200L, 0, "how often, in ms, a spout task with event time sends its watermark; 0 "
                    + "after every emit that advances it");
    public static final ConfigKey TOPOLOGY_WATERMARK_IDLE_TIMEOUT_MS = key("topology.watermark.idle.timeout.ms",
            ConfigKey.Type.LONG, 0L, 0, "a spout task that emitted nothing for this long, in ms, goes idle; a bolt "
                    + "input silent this long stops holding the bolt's watermark back; 0 never");

    // Multi-language components (ShellBolt, ShellSpout).
    public static final ConfigKey TOPOLOGY_MULTILANG_SERIALIZER = key("topology.multilang.serializer",
            ConfigKey.Type.STRING, "io.squall.multilang.JsonSerializer", ANY,
            "class (an io.squall.multilang.ISerializer) that encodes the multilang protocol to shell components");
    public static final ConfigKey TOPOLOGY_SUBPROCESS_TIMEOUT_SECS = key("topology.subprocess.timeout.secs",
            ConfigKey.Type.INT, null, 1, "a shell component's subprocess that answers no heartbeat for this long is "
                    + "killed and restarted; unset means supervisor.worker.timeout.secs");
    public static final ConfigKey TOPOLOGY_SHELLBOLT_MAX_PENDING = key("topology.shellbolt.max.pending",
            ConfigKey.Type.INT, 100, 1, "most tuples a ShellBolt task queues for its subprocess before execute waits");

    // Metrics and dashboard.
    public static final ConfigKey TOPOLOGY_METRICS_ENABLED = key("topology.metrics.enabled", ConfigKey.Type.BOOLEAN,
            true, ANY, "sample latencies (complete, execute, process) and run the configured reporters; "
                    + "the plain counters (emitted, acked, ...) are kept either way");
    public static final ConfigKey TOPOLOGY_METRICS_SAMPLE_EVERY = key("topology.metrics.sample.every",
            ConfigKey.Type.INT, 64, 1, "executors time one tuple in this many for the latency metrics");
    public static final ConfigKey TOPOLOGY_METRICS_SNAPSHOT_INTERVAL_SECS = key(
            "topology.metrics.snapshot.interval.secs", ConfigKey.Type.INT, 1, 1,
            "seconds between snapshots of a worker's metrics, for the aggregated windows and the dashboard");
    public static final ConfigKey TOPOLOGY_METRICS_REPORTERS = key("topology.metrics.reporters", ConfigKey.Type.LIST,
            null, ANY, "reporters to run: any of console, csv, jmx, prometheus; unset means none");
    public static final ConfigKey TOPOLOGY_METRICS_REPORT_INTERVAL_SECS = key(
            "topology.metrics.report.interval.secs", ConfigKey.Type.INT, 10, 1,
            "seconds between reports of the console and csv reporters");
    public static final ConfigKey TOPOLOGY_METRICS_CSV_DIR = key("topology.metrics.csv.dir", ConfigKey.Type.STRING,
            "metrics", ANY, "directory the csv reporter writes to, one subdirectory per topology");
    public static final ConfigKey TOPOLOGY_METRICS_PROMETHEUS_PORT = key("topology.metrics.prometheus.port",
            ConfigKey.Type.INT, 9464, 0, "port of the Prometheus text endpoint (/metrics) when no dashboard serves "
                    + "it; 0 picks a free port");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGINS = key(
            "storm.daemon.metrics.reporter.plugins", ConfigKey.Type.LIST,
            List.of("io.squall.daemon.metrics.reporters.JmxPreparableReporter"), ANY,
            "classes implementing io.squall.daemon.metrics.reporters.PreparableReporter that report the cluster "
                    + "daemons' own metrics (Nimbus, supervisors, DRPC): Jmx-, Console-, CsvPreparableReporter or yours");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_INTERVAL_SECS = key(
            "storm.daemon.metrics.reporter.interval.secs", ConfigKey.Type.INT, 10, 1,
            "seconds between reports of the daemons' console and CSV reporters");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_CSV_LOG_DIR = key(
            "storm.daemon.metrics.reporter.csv.log.dir", ConfigKey.Type.STRING, null, ANY,
            "directory of the daemons' CSV reporter, one file per metric; unset means storm.local.dir/csvmetrics");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_DOMAIN = key(
            "storm.daemon.metrics.reporter.plugin.domain", ConfigKey.Type.STRING, null, ANY,
            "JMX domain of the daemons' metrics; unset means metrics-core's default, 'metrics'");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_LOCALE = key(
            "storm.daemon.metrics.reporter.plugin.locale", ConfigKey.Type.STRING, null, ANY,
            "language tag the daemons' console and CSV reporters format numbers for (en-US); unset means the JVM's");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_RATE_UNIT = key(
            "storm.daemon.metrics.reporter.plugin.rate.unit", ConfigKey.Type.STRING, null, ANY,
            "java.util.concurrent.TimeUnit the daemons' reporters give rates per (SECONDS); unset means seconds");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_DURATION_UNIT = key(
            "storm.daemon.metrics.reporter.plugin.duration.unit", ConfigKey.Type.STRING, null, ANY,
            "java.util.concurrent.TimeUnit the daemons' reporters give durations in (MILLISECONDS); unset means ms");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_ENDPOINT = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.endpoint", ConfigKey.Type.STRING, "localhost:9091", ANY,
            "host:port of the Prometheus Pushgateway that io.squall.metrics.prometheus.PrometheusPreparableReporter "
                    + "pushes the daemons' metrics to");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_SCHEME = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.scheme", ConfigKey.Type.STRING, "http", ANY,
            "http or https, to the Pushgateway");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_JOB = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.job", ConfigKey.Type.STRING, "squall", ANY,
            "the job label of the pushed metrics");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_INSTANCE = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.instance", ConfigKey.Type.STRING, null, ANY,
            "the instance label of the pushed metrics; unset means the daemon's own name (nimbus@host:port, "
                    + "supervisor@host:firstport, drpc@host:port), so that daemons do not overwrite each other's");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_BASIC_AUTH_USER = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.basic_auth_user", ConfigKey.Type.STRING, null, ANY,
            "user of the Pushgateway's basic authentication; unset means none");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_BASIC_AUTH_PASSWORD = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.basic_auth_password", ConfigKey.Type.STRING, null, ANY,
            "password of the Pushgateway's basic authentication");
    public static final ConfigKey STORM_DAEMON_METRICS_REPORTER_PLUGIN_PROMETHEUS_SKIP_TLS_VALIDATION = key(
            "storm.daemon.metrics.reporter.plugin.prometheus.skip_tls_validation", ConfigKey.Type.BOOLEAN, false, ANY,
            "with https, accept any certificate of the Pushgateway (for tests: anyone on the path can read and "
                    + "change the metrics)");
    public static final ConfigKey UI_HOST = key("ui.host", ConfigKey.Type.STRING, "127.0.0.1", ANY,
            "address the dashboard listens on");
    public static final ConfigKey UI_PORT = key("ui.port", ConfigKey.Type.INT, 8080, 0,
            "port of the dashboard and its JSON API; 0 picks a free port");
    public static final ConfigKey LOGVIEWER_HOST = key("logviewer.host", ConfigKey.Type.STRING, "127.0.0.1", ANY,
            "address the logviewer listens on; another than loopback needs authentication or squall.insecure");
    public static final ConfigKey LOGVIEWER_PORT = key("logviewer.port", ConfigKey.Type.INT, 8000, 0,
            "port of the logviewer on each supervisor machine; the dashboard links workers' logs to it (0 in the "
                    + "dashboard's config: no links; 0 for the logviewer itself picks a free port)");
    public static final ConfigKey LOGVIEWER_MAX_PAGE_BYTES = key("logviewer.max.page.bytes", ConfigKey.Type.INT,
            1048576, 1, "most bytes of a log file one page request reads; a larger length is cut to this");
    public static final ConfigKey LOGVIEWER_SEARCH_MAX_SCAN_BYTES = key("logviewer.search.max.scan.bytes",
            ConfigKey.Type.LONG, 67108864L, 1, "most bytes of a log file one search request reads; the answer's "
                    + "nextByteOffset says where to go on");
    public static final ConfigKey LOGVIEWER_CLEANUP_INTERVAL_SECS = key("logviewer.cleanup.interval.secs",
            ConfigKey.Type.INT, 600, 1, "seconds between two cleanups of the worker logs by the logviewer");
    public static final ConfigKey LOGVIEWER_CLEANUP_AGE_MINS = key("logviewer.cleanup.age.mins", ConfigKey.Type.INT,
            10080, 1, "minutes after its last write that a dead worker's log file is deleted");
    public static final ConfigKey LOGVIEWER_MAX_SUM_WORKER_LOGS_SIZE_MB = key(
            "logviewer.max.sum.worker.logs.size.mb", ConfigKey.Type.INT, 4096, 1,
            "MB the worker logs may take together; above it the oldest files of dead workers are deleted");
    public static final ConfigKey LOGVIEWER_MAX_PER_WORKER_LOGS_SIZE_MB = key(
            "logviewer.max.per.worker.logs.size.mb", ConfigKey.Type.INT, null, 0, "no effect in Squall: each "
                    + "worker's log is bounded as it is written, by worker.log.max.file.size.mb and worker.log.max.files");
    public static final ConfigKey LOGS_USERS = key("logs.users", ConfigKey.Type.LIST, null, ANY,
            "users who may read the daemons' logs through the logviewer, beside nimbus.admins");
    public static final ConfigKey DRPC_SERVERS = key("drpc.servers", ConfigKey.Type.LIST, null, ANY,
            "host names of the DRPC servers: DRPC spouts take their requests from them, the dashboard lists them");
    public static final ConfigKey DRPC_HTTP_PORT = key("drpc.http.port", ConfigKey.Type.INT, 3774, 0,
            "port of a DRPC server's HTTP API (clients, DRPC spouts and result bolts, the dashboard)");
    public static final ConfigKey DRPC_HTTP_HOST = key("drpc.http.host", ConfigKey.Type.STRING, "0.0.0.0", ANY,
            "address bin/squall drpc listens on");
    public static final ConfigKey DRPC_REQUEST_TIMEOUT_SECS = key("drpc.request.timeout.secs", ConfigKey.Type.INT,
            600, 1, "seconds a DRPC request waits for its result before it fails with SERVER_TIMEOUT");
    public static final ConfigKey DRPC_SPOUT_FETCH_MAX = key("drpc.spout.fetch.max", ConfigKey.Type.INT, 100, 1,
            "the most DRPC requests a DRPC spout takes from a server in one round trip");
    public static final ConfigKey DRPC_SPOUT_FETCH_WAIT_MS = key("drpc.spout.fetch.wait.ms", ConfigKey.Type.INT, 100,
            0, "milliseconds a DRPC spout's fetch from idle servers waits for a request (a long poll)");
    public static final ConfigKey DRPC_AUTHORIZER_ACL = key("drpc.authorizer.acl", ConfigKey.Type.MAP, null, ANY,
            "with authentication, who may execute which DRPC function: {FUNCTION: {client.users: [USER, ...]}}; "
                    + "functions not listed are open to every authenticated user unless drpc.authorizer.acl.strict");
    public static final ConfigKey DRPC_AUTHORIZER_ACL_STRICT = key("drpc.authorizer.acl.strict",
            ConfigKey.Type.BOOLEAN, false, ANY, "refuse DRPC functions missing from drpc.authorizer.acl to everyone "
                    + "but nimbus.admins");

    // Security (see the README's Security section).
    public static final ConfigKey SQUALL_INSECURE = key("squall.insecure", ConfigKey.Type.BOOLEAN, false, ANY,
            "let a daemon bind a non-loopback address without authentication (squall.auth.users.file and "
                    + "squall.cluster.secret.file); false makes such a daemon refuse to start");
    public static final ConfigKey SQUALL_AUTH_USERS_FILE = key("squall.auth.users.file", ConfigKey.Type.STRING, null,
            ANY, "file of users and their hashed tokens (bin/squall add-user writes it); set, Nimbus and DRPC "
                    + "require a token on every request");
    public static final ConfigKey SQUALL_CLUSTER_SECRET_FILE = key("squall.cluster.secret.file",
            ConfigKey.Type.STRING, null, ANY, "file holding the secret the daemons share: ZooKeeper digest ACLs, the "
                    + "daemons' credential at Nimbus and the per-topology secrets of workers derive from it");
    public static final ConfigKey SQUALL_CREDENTIALS_FILE = key("squall.credentials.file", ConfigKey.Type.STRING,
            "~/.squall/credentials", ANY, "where bin/squall and NimbusClient read their token when SQUALL_TOKEN is "
                    + "not set");
    public static final ConfigKey SQUALL_TLS_CERT = key("squall.tls.cert", ConfigKey.Type.STRING, null, ANY,
            "PEM certificate chain the daemons and workers present; set, the Nimbus API, dashboard, DRPC and the "
                    + "transport between workers (mutual TLS) use TLS");
    public static final ConfigKey SQUALL_TLS_KEY = key("squall.tls.key", ConfigKey.Type.STRING, null, ANY,
            "PKCS#8 PEM private key of squall.tls.cert");
    public static final ConfigKey SQUALL_TLS_CA = key("squall.tls.ca", ConfigKey.Type.STRING, null, ANY,
            "PEM certificate of the authority that signed every Squall certificate; clients trust it");
    public static final ConfigKey SQUALL_TLS_PROVIDER = key("squall.tls.provider", ConfigKey.Type.STRING, "openssl",
            ANY, "TLS engine of the Netty servers and the transport: openssl (BoringSSL, falling back to the JDK's "
                    + "engine with a log line where its native library does not load) or jdk");
    public static final ConfigKey NIMBUS_ADMINS = key("nimbus.admins", ConfigKey.Type.LIST, null, ANY,
            "users who may kill, rebalance, activate and deactivate every topology");
    public static final ConfigKey TOPOLOGY_READERS = key("topology.readers", ConfigKey.Type.LIST, null, ANY,
            "users who may view this topology (status, metrics, code) but not act on it");
    public static final ConfigKey TOPOLOGY_SUBMITTER_USER = key("topology.submitter.user", ConfigKey.Type.STRING,
            null, ANY, "the topology's owner: set by Nimbus to the user who submitted it");

    // Storm's keys. The first are honoured; those in NO_EFFECT are accepted and documented, and logged once
    // when a topology sets them, since Squall has nothing they could change.
    public static final ConfigKey TOPOLOGY_METRICS_CONSUMER_REGISTER = key("topology.metrics.consumer.register",
            ConfigKey.Type.LIST, null, ANY, "Storm v1 metrics consumers: a list of {class, argument, parallelism.hint} "
                    + "maps (Config.registerMetricsConsumer); each worker runs one of each");
    public static final ConfigKey TOPOLOGY_EVENT_LOGGER_REGISTER = key("topology.event.logger.register",
            ConfigKey.Type.LIST, null, ANY, "event loggers of the tuples sampled while debugging: a list of {class, "
                    + "arguments} maps (Config.registerEventLogger); none: FileBasedEventLogger");
    public static final ConfigKey TOPOLOGY_AUTO_TASK_HOOKS = key("topology.auto.task.hooks", ConfigKey.Type.LIST,
            null, ANY, "ITaskHook class names; every task creates one of each and adds it as if by addTaskHook");
    public static final ConfigKey TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE = key(
            "topology.testing.always.try.serialize", ConfigKey.Type.BOOLEAN, false, ANY,
            "Storm's local-mode serialization test; true turns on topology.serialization.check and makes a value "
                    + "it cannot serialize stop the topology instead of being logged");
    public static final ConfigKey TOPOLOGY_DISABLE_LOADAWARE_MESSAGING = key("topology.disable.loadaware.messaging",
            ConfigKey.Type.BOOLEAN, false, ANY,
            "true makes shuffle and local-or-shuffle groupings plain round-robin over every target task; by default "
                    + "(as in Storm 2) they send fewer tuples to tasks whose receive queue (or outbound queue, for another "
                    + "worker) is fuller, and a shuffle keeps to the tasks in its own worker while they keep up "
                    + "(topology.localityaware.*)");
    public static final ConfigKey TOPOLOGY_LOCALITYAWARE_HIGHER_BOUND = key("topology.localityaware.higher.bound",
            ConfigKey.Type.DOUBLE, 0.8, 0, "a load-aware shuffle sends only to the target tasks in its own worker until "
                    + "their mean load (receive-queue fill ratio) reaches this; then to every target task (Storm 2's)");
    public static final ConfigKey TOPOLOGY_LOCALITYAWARE_LOWER_BOUND = key("topology.localityaware.lower.bound",
            ConfigKey.Type.DOUBLE, 0.2, 0, "a load-aware shuffle that widened to every target task goes back to the "
                    + "tasks in its own worker once their mean load falls below this");
    public static final ConfigKey TOPOLOGY_WORKER_CHILDOPTS = key("topology.worker.childopts",
            ConfigKey.Type.STRING_OR_LIST, null, ANY, "JVM options of this topology's cluster workers, after the "
                    + "supervisor's worker.childopts (%ID%, %WORKER-PORT%, %TOPOLOGY-ID%, %WORKER-ID%, %HEAP-MEM% "
                    + "substituted); no effect in local mode");
    public static final ConfigKey TOPOLOGY_WORKER_GC_CHILDOPTS = key("topology.worker.gc.childopts",
            ConfigKey.Type.STRING_OR_LIST, null, ANY, "GC options of this topology's cluster workers, after "
                    + "topology.worker.childopts; no effect in local mode");
    public static final ConfigKey TOPOLOGY_WORKER_LOGWRITER_CHILDOPTS = key("topology.worker.logwriter.childopts",
            ConfigKey.Type.STRING_OR_LIST, null, ANY, "no effect in Squall: workers write their own logs");
    public static final ConfigKey TOPOLOGY_WORKER_MAX_HEAP_SIZE_MB = key("topology.worker.max.heap.size.mb",
            ConfigKey.Type.DOUBLE, null, 0, "no effect in Squall: it has no resource-aware scheduler; the heap is "
                    + "set by worker.childopts");
    public static final ConfigKey STORM_TOPOLOGY_SUBMISSION_NOTIFIER_PLUGIN = key(
            "storm.topology.submission.notifier.plugin.class", ConfigKey.Type.STRING, null, ANY,
            "an ISubmitterHook class (public, with a no-argument constructor) told of each topology once it is "
                    + "submitted, by SquallSubmitter and LocalCluster; an error in it fails the submit");
    public static final ConfigKey TOPOLOGY_KRYO_DECORATORS = key("topology.kryo.decorators", ConfigKey.Type.LIST,
            null, ANY, "IKryoDecorator class names; each registers its classes and serializers with every Kryo "
                    + "instance of the topology, after topology.kryo.register");
    public static final ConfigKey TOPOLOGY_KRYO_FACTORY = key("topology.kryo.factory", ConfigKey.Type.STRING,
            "io.squall.serialization.DefaultKryoFactory", ANY, "the IKryoFactory class (Config.setKryoFactory; public, "
                    + "with a no-argument constructor) that makes each Kryo instance of the topology and is called "
                    + "before and after its registrations and decorators, as in Storm");
    public static final ConfigKey TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS = key(
            "topology.skip.missing.kryo.registrations", ConfigKey.Type.BOOLEAN, false, ANY,
            "true: a class, serializer or decorator of topology.kryo.register or topology.kryo.decorators that is not "
                    + "on the topology's class path is logged and left out, as in Storm; false: it is an error at "
                    + "submit");
    public static final ConfigKey TOPOLOGY_STATS_SAMPLE_RATE = key("topology.stats.sample.rate",
            ConfigKey.Type.DOUBLE, null, 0, "no effect in Squall: counters are exact, and latencies are sampled one "
                    + "tuple in topology.metrics.sample.every");
    public static final ConfigKey TOPOLOGY_EVENTLOGGER_EXECUTORS = key("topology.eventlogger.executors",
            ConfigKey.Type.INT, null, 0, "0 turns event logging (debug sampling) off; Squall samples in the "
                    + "executors and runs no event logger executors, so other values only leave it on");
    public static final ConfigKey TOPOLOGY_SPOUT_WAIT_STRATEGY = key("topology.spout.wait.strategy",
            ConfigKey.Type.STRING, null, ANY, "no effect in Squall: idle executors wait by "
                    + "topology.executor.wait.strategy");
    public static final ConfigKey TOPOLOGY_BOLT_WAIT_STRATEGY = key("topology.bolt.wait.strategy",
            ConfigKey.Type.STRING, null, ANY, "no effect in Squall: idle executors wait by "
                    + "topology.executor.wait.strategy");
    public static final ConfigKey TOPOLOGY_SLEEP_SPOUT_WAIT_STRATEGY_TIME_MS = key(
            "topology.sleep.spout.wait.strategy.time.ms", ConfigKey.Type.INT, null, 0,
            "no effect in Squall: see topology.executor.wait.strategy");
    public static final ConfigKey TOPOLOGY_BACKPRESSURE_ENABLE = key("topology.backpressure.enable",
            ConfigKey.Type.BOOLEAN, null, ANY, "no effect in Squall: backpressure is always on (see "
                    + "topology.backpressure.high.watermark)");
    public static final ConfigKey TOPOLOGY_BACKPRESSURE_WAIT_STRATEGY = key("topology.backpressure.wait.strategy",
            ConfigKey.Type.STRING, null, ANY, "no effect in Squall: a congested producer keeps draining its own queue");
    public static final ConfigKey TOPOLOGY_BACKPRESSURE_CHECK_MILLIS = key("topology.backpressure.check.millis",
            ConfigKey.Type.LONG, null, 0, "no effect in Squall: congestion is signalled when it happens");
    public static final ConfigKey TOPOLOGY_TRANSFER_BUFFER_SIZE = key("topology.transfer.buffer.size",
            ConfigKey.Type.INT, null, 0, "no effect in Squall: see topology.executor.receive.buffer.size and "
                    + "topology.producer.batch.size");
    public static final ConfigKey TOPOLOGY_TRANSFER_BATCH_SIZE = key("topology.transfer.batch.size",
            ConfigKey.Type.INT, null, 0, "no effect in Squall: see topology.producer.batch.size");
    public static final ConfigKey TOPOLOGY_BATCH_FLUSH_INTERVAL_MILLIS = key("topology.batch.flush.interval.millis",
            ConfigKey.Type.LONG, null, 0, "no effect in Squall: executors publish at the end of every round");
    public static final ConfigKey TOPOLOGY_BLOBSTORE_MAP = key("topology.blobstore.map", ConfigKey.Type.MAP, null, ANY,
            "blobs to put in the workers' working directory: {KEY: {localname: NAME, uncompress: BOOL, "
                    + "workerRestart: BOOL}}");
    public static final ConfigKey TOPOLOGY_ENVIRONMENT = key("topology.environment", ConfigKey.Type.MAP, null, ANY,
            "environment variables of this topology's cluster workers, over the supervisor's; no effect in local "
                    + "mode");
    public static final ConfigKey TOPOLOGY_CLASSPATH = key("topology.classpath", ConfigKey.Type.STRING_OR_LIST, null,
            ANY, "entries added at the end of this topology's cluster workers' class path (paths on the "
                    + "supervisors' machines); no effect in local mode");
    public static final ConfigKey TOPOLOGY_MAX_ERROR_REPORT_PER_INTERVAL = key(
            "topology.max.error.report.per.interval", ConfigKey.Type.INT, null, 0,
            "no effect in Squall: each component keeps its last errors");
    public static final ConfigKey TOPOLOGY_ERROR_THROTTLE_INTERVAL_SECS = key("topology.error.throttle.interval.secs",
            ConfigKey.Type.INT, null, 0, "no effect in Squall: each component keeps its last errors");
    public static final ConfigKey TOPOLOGY_PRIORITY = key("topology.priority", ConfigKey.Type.INT, null, ANY,
            "no effect in Squall: it has no resource-aware scheduler");
    public static final ConfigKey TOPOLOGY_SCHEDULER_STRATEGY = key("topology.scheduler.strategy",
            ConfigKey.Type.STRING, null, ANY, "no effect in Squall: Nimbus spreads executors evenly");
    public static final ConfigKey TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB = key(
            "topology.component.resources.onheap.memory.mb", ConfigKey.Type.DOUBLE, null, 0,
            "no effect in Squall: it has no resource-aware scheduler");
    public static final ConfigKey TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB = key(
            "topology.component.resources.offheap.memory.mb", ConfigKey.Type.DOUBLE, null, 0,
            "no effect in Squall: it has no resource-aware scheduler");
    public static final ConfigKey TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT = key("topology.component.cpu.pcore.percent",
            ConfigKey.Type.DOUBLE, null, 0, "no effect in Squall: it has no resource-aware scheduler");
    public static final ConfigKey TOPOLOGY_RAS_ONE_EXECUTOR_PER_WORKER = key("topology.ras.one.executor.per.worker",
            ConfigKey.Type.BOOLEAN, null, ANY, "no effect in Squall: it has no resource-aware scheduler");
    public static final ConfigKey TOPOLOGY_USERS = key("topology.users", ConfigKey.Type.LIST, null, ANY,
            "users besides its owner who may kill, rebalance, activate and deactivate this topology");
    public static final ConfigKey TOPOLOGY_GROUPS = key("topology.groups", ConfigKey.Type.LIST, null, ANY,
            "no effect in Squall: it has no user groups; list users in topology.users and topology.readers");

    /** Storm keys that Squall accepts and documents but that change nothing here. */
    public static final java.util.Set<String> NO_EFFECT = java.util.Set.of(
            TOPOLOGY_WORKER_LOGWRITER_CHILDOPTS.name(),
            TOPOLOGY_WORKER_MAX_HEAP_SIZE_MB.name(),
            TOPOLOGY_STATS_SAMPLE_RATE.name(),
            TOPOLOGY_EVENTLOGGER_EXECUTORS.name(), TOPOLOGY_SPOUT_WAIT_STRATEGY.name(), TOPOLOGY_BOLT_WAIT_STRATEGY.name(),
            TOPOLOGY_SLEEP_SPOUT_WAIT_STRATEGY_TIME_MS.name(), TOPOLOGY_BACKPRESSURE_ENABLE.name(),
            TOPOLOGY_BACKPRESSURE_WAIT_STRATEGY.name(), TOPOLOGY_BACKPRESSURE_CHECK_MILLIS.name(),
            TOPOLOGY_TRANSFER_BUFFER_SIZE.name(), TOPOLOGY_TRANSFER_BATCH_SIZE.name(),
            TOPOLOGY_BATCH_FLUSH_INTERVAL_MILLIS.name(),
            TOPOLOGY_MAX_ERROR_REPORT_PER_INTERVAL.name(), TOPOLOGY_ERROR_THROTTLE_INTERVAL_SECS.name(),
            TOPOLOGY_PRIORITY.name(), TOPOLOGY_SCHEDULER_STRATEGY.name(),
            TOPOLOGY_COMPONENT_RESOURCES_ONHEAP_MEMORY_MB.name(), TOPOLOGY_COMPONENT_RESOURCES_OFFHEAP_MEMORY_MB.name(),
            TOPOLOGY_COMPONENT_CPU_PCORE_PERCENT.name(), TOPOLOGY_GROUPS.name(),
            TOPOLOGY_RAS_ONE_EXECUTOR_PER_WORKER.name());

    /** The values of {@link UnusedStormKeys}' constants. */
    private static final java.util.Set<String> UNUSED_STORM_KEYS = java.util.Arrays
            .stream(UnusedStormKeys.class.getFields())
            .map(f -> {
                try {
                    return (String) f.get(null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            })
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private ConfigKeys() {
    }

    /** Whether {@code name} is a key of Storm's that Squall accepts and does not use ({@link UnusedStormKeys}). */
    public static boolean isUnusedStormKey(String name) {
        return UNUSED_STORM_KEYS.contains(name);
    }

    private static ConfigKey key(String name, ConfigKey.Type type, Object dflt, double min, String doc) {
        ConfigKey k = new ConfigKey(name, type, dflt, min, doc);
        KEYS.put(name, k);
        return k;
    }

    /** Every key, by name, in catalog order. */
    public static Map<String, ConfigKey> all() {
        return Collections.unmodifiableMap(KEYS);
    }

    /** A key by name, or null if Squall does not know it. */
    public static ConfigKey get(String name) {
        return KEYS.get(name);
    }

    /**
     * The known key closest to {@code name} by edit distance, if it is close enough to be a typo of it (at most
     * 2 edits, 3 for names of 16 characters or more), else null.
     */
    public static String closest(String name) {
        int limit = name.length() >= 16 ? 3 : 2;
        String best = null;
        int bestDistance = limit + 1;
        for (String known : KEYS.keySet()) {
            int d = editDistance(name, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
