package io.squall.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The validated, typed configuration of a topology or of one of its components. Built once from the raw
 * map at submit ({@link #from}); immutable afterwards.
 *
 * @param maxSpoutPending   0 when unlimited
 * @param tickFreqSecs      0 when there are no tick tuples
 * @param ackers            resolved: one per worker when unset; 0 turns acking off
 * @param ackersInSpout     whether spout executors track their own trees (then no acker executors run)
 * @param serializationCheck      whether local mode serializes each new class of value once (the check)
 * @param serializationCheckStops whether a value the check cannot serialize stops the topology; otherwise it is
 *                                logged and passes by reference, as Storm's local mode passes every value
 * @param receiveBufferSize a power of two
 */
public record TopologySettings(
        String name,
        int workers,
        int ackers,
        boolean ackersInSpout,
        int maxSpoutPending,
        int messageTimeoutSecs,
        boolean timeoutsEnabled,
        boolean debug,
        int tickFreqSecs,
        List<Object> kryoRegistrations,
        List<String> kryoDecorators,
        boolean fallBackOnJavaSerialization,
        boolean skipMissingKryoRegistrations,
        boolean serializationCheck,
        boolean serializationCheckStops,
        int receiveBufferSize,
        int producerBatchSize,
        String waitStrategy,
        int spoutBatchSize,
        double backpressureHighWatermark,
        double backpressureLowWatermark,
        boolean dieOnError) {

    private static final Logger LOG = LoggerFactory.getLogger(TopologySettings.class);
    /** The Storm keys without effect already logged in this JVM: each is logged once. */
    private static final java.util.Set<String> NO_EFFECT_LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final List<String> WAIT_STRATEGIES = List.of("progressive", "park", "yield", "busy-spin");

    /**
     * Validates a raw configuration map and turns it into settings.
     *
     * @throws InvalidConfigException naming every key whose value has the wrong type or range
     */
    public static TopologySettings from(Map<String, Object> conf) {
        validate(conf);
        int workers = intOf(conf, ConfigKeys.TOPOLOGY_WORKERS);
        Integer ackers = (Integer) intOrNull(conf, ConfigKeys.TOPOLOGY_ACKER_EXECUTORS);
        Integer pending = (Integer) intOrNull(conf, ConfigKeys.TOPOLOGY_MAX_SPOUT_PENDING);
        Integer tick = (Integer) intOrNull(conf, ConfigKeys.TOPOLOGY_TICK_TUPLE_FREQ_SECS);
        List<Object> kryo = kryoRegistrations(conf.get(ConfigKeys.TOPOLOGY_KRYO_REGISTER.name()));
        double high = doubleOf(conf, ConfigKeys.TOPOLOGY_BACKPRESSURE_HIGH_WATERMARK);
        double low = doubleOf(conf, ConfigKeys.TOPOLOGY_BACKPRESSURE_LOW_WATERMARK);
        if (!(low < high && high <= 1.0)) {
            throw new InvalidConfigException("Backpressure watermarks must satisfy 0 <= low < high <= 1, but got low="
                    + low + ", high=" + high);
        }
        String wait = (String) valueOf(conf, ConfigKeys.TOPOLOGY_EXECUTOR_WAIT_STRATEGY);
        if (!WAIT_STRATEGIES.contains(wait)) {
            throw new InvalidConfigException("Config key '" + ConfigKeys.TOPOLOGY_EXECUTOR_WAIT_STRATEGY.name()
                    + "' must be one of " + WAIT_STRATEGIES + ", but got \"" + wait + "\"");
        }
        return new TopologySettings(
                (String) conf.get(ConfigKeys.TOPOLOGY_NAME.name()),
                workers,
                ackers == null ? workers : ackers,
                boolOf(conf, ConfigKeys.TOPOLOGY_ACKER_IN_SPOUT),
                pending == null ? 0 : pending,
                intOf(conf, ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS),
                boolOf(conf, ConfigKeys.TOPOLOGY_ENABLE_MESSAGE_TIMEOUTS),
                boolOf(conf, ConfigKeys.TOPOLOGY_DEBUG),
                tick == null ? 0 : tick,
                kryo,
                names(conf.get(ConfigKeys.TOPOLOGY_KRYO_DECORATORS.name())),
                boolOf(conf, ConfigKeys.TOPOLOGY_FALL_BACK_ON_JAVA_SERIALIZATION),
                boolOf(conf, ConfigKeys.TOPOLOGY_SKIP_MISSING_KRYO_REGISTRATIONS),
                boolOf(conf, ConfigKeys.TOPOLOGY_SERIALIZATION_CHECK)
                        || boolOf(conf, ConfigKeys.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE),
                boolOf(conf, ConfigKeys.TOPOLOGY_TESTING_ALWAYS_TRY_SERIALIZE),
                nextPowerOfTwo(intOf(conf, ConfigKeys.TOPOLOGY_EXECUTOR_RECEIVE_BUFFER_SIZE)),
                intOf(conf, ConfigKeys.TOPOLOGY_PRODUCER_BATCH_SIZE),
                wait,
                intOf(conf, ConfigKeys.TOPOLOGY_SPOUT_BATCH_SIZE),
                high,
                low,
                boolOf(conf, ConfigKeys.TOPOLOGY_DIE_ON_ERROR));
    }

    /**
     * The entries of a {@code topology.kryo.register} value in one form: a list of class names and single
     * {@code {class: serializer}} maps. The value may be such a list (kept as it is), or a map of class to serializer
     * (null: the class alone), as Storm takes it; a map's entries are listed by class name, so every worker registers
     * them in one order. Null is no registrations.
     */
    public static List<Object> kryoRegistrations(Object value) {
        if (value instanceof Map<?, ?> m) {
            TreeMap<String, Object> byName = new TreeMap<>();
            m.forEach((name, serializer) -> byName.put(String.valueOf(name), serializer));
            List<Object> out = new ArrayList<>();
            byName.forEach((name, serializer) -> out.add(serializer == null ? name
                    : Map.of(name, String.valueOf(serializer))));
            return List.copyOf(out);
        }
        return value instanceof List<?> l ? List.copyOf(l) : List.of();
    }

    /** The class names in a list of names (null for none); validated as a LIST of any elements before this. */
    private static List<String> names(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }

    /** Whether tuple trees are tracked at all. */
    public boolean ackingEnabled() {
        return ackers > 0;
    }

    /** How many acker executors the topology runs: none when acking is off or the spouts track their trees. */
    public int ackerExecutors() {
        return ackersInSpout ? 0 : ackers;
    }

    /**
     * Checks every known key's value; logs once that a Storm key Squall does not use ({@link UnusedStormKeys}) has no
     * effect, and warns of other unknown {@code topology.*} keys (a typo, most likely), which are ignored too.
     *
     * @throws InvalidConfigException naming every bad key
     */
    public static void validate(Map<String, Object> conf) {
        List<String> errors = new ArrayList<>();
        for (Map.Entry<String, Object> e : conf.entrySet()) {
            ConfigKey key = ConfigKeys.get(e.getKey());
            if (key == null) {
                if (ConfigKeys.isUnusedStormKey(e.getKey())) {
                    if (e.getValue() != null && NO_EFFECT_LOGGED.add(e.getKey())) {
                        LOG.info("Storm's config key '{}' is accepted but has no effect in Squall", e.getKey());
                    }
                } else if (e.getKey().startsWith("topology.")) {
                    String near = ConfigKeys.closest(e.getKey());
                    LOG.warn("Unknown config key '{}' is ignored{} (see conf/squall.yaml for the keys Squall knows)",
                            e.getKey(), near == null ? "" : "; did you mean '" + near + "'?");
                }
                continue;
            }
            if (ConfigKeys.NO_EFFECT.contains(e.getKey()) && e.getValue() != null
                    && NO_EFFECT_LOGGED.add(e.getKey())) {
                LOG.info("Config key '{}' is accepted but has no effect in Squall ({})", e.getKey(), key.doc());
            }
            String error = key.check(e.getValue());
            if (error != null) {
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(String.join("; ", errors));
        }
    }

    private static Object valueOf(Map<String, Object> conf, ConfigKey key) {
        Object v = conf.get(key.name());
        return v != null ? v : key.defaultValue();
    }

    private static int intOf(Map<String, Object> conf, ConfigKey key) {
        return ((Number) valueOf(conf, key)).intValue();
    }

    private static Object intOrNull(Map<String, Object> conf, ConfigKey key) {
        Object v = valueOf(conf, key);
        return v == null ? null : ((Number) v).intValue();
    }

    private static double doubleOf(Map<String, Object> conf, ConfigKey key) {
        return ((Number) valueOf(conf, key)).doubleValue();
    }

    private static boolean boolOf(Map<String, Object> conf, ConfigKey key) {
        return (Boolean) valueOf(conf, key);
    }

    private static int nextPowerOfTwo(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }
}
