package io.squall.config;

import java.util.Collections;
import java.util.LinkedHashMap;
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
    public static final ConfigKey TOPOLOGY_KRYO_REGISTER = key("topology.kryo.register", ConfigKey.Type.LIST, null,
            ANY, "classes to register with Kryo: class names, or {class: serializer class} maps");
    public static final ConfigKey TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION = key(
            "topology.fall.back.on.java.serialization", ConfigKey.Type.BOOLEAN, false, ANY,
            "serialize unregistered Serializable classes with Java serialization instead of failing");
    public static final ConfigKey TOPOLOGY_SERIALIZATION_CHECK = key("topology.serialization.check",
            ConfigKey.Type.BOOLEAN, true, ANY,
            "in local mode, serialize the first value of each class on each stream once, to catch what would fail across workers");
    public static final ConfigKey TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE = key(
            "topology.executor.receive.buffer.size", ConfigKey.Type.INT, 16384, 2,
            "slots in each executor's receive queue (rounded up to a power of two)");
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

    private ConfigKeys() {
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
}
