package io.squall.utils;

import io.squall.blobstore.ClientBlobStore;
import io.squall.blobstore.LocalFsBlobStore;
import io.squall.blobstore.LocalModeClientBlobStore;
import io.squall.blobstore.NimbusBlobStore;
import io.squall.config.DaemonConfig;
import io.squall.config.InvalidConfigException;
import io.squall.topology.GlobalStreamId;
import io.squall.tuple.Values;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The few helpers that Storm topologies reach for. */
public final class Utils {
    /** The stream a component emits on when it names none. */
    public static final String DEFAULT_STREAM_ID = "default";

    private Utils() {
    }

    /** Sleeps, keeping the interrupt flag if interrupted. */
    public static void sleep(long millis) {
        try {
            Time.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The values of a tuple. */
    public static Values tuple(Object... values) {
        return new Values(values);
    }

    /** A random long, for ids. */
    public static long secureRandomLong() {
        return ThreadLocalRandom.current().nextLong();
    }

    /** An int from a config value that may be any number or a numeric string; {@code dflt} if null. */
    public static Integer getInt(Object o, Integer dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Number n) {
            return n.intValue();
        }
        if (o instanceof String s) {
            return Integer.parseInt(s.trim());
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " (" + o.getClass().getName() + ") to int");
    }

    /** An int from a config value; throws if null. */
    public static Integer getInt(Object o) {
        Integer i = getInt(o, null);
        if (i == null) {
            throw new IllegalArgumentException("Don't know how to convert null to int");
        }
        return i;
    }

    /** A boolean from a config value; {@code dflt} if null. */
    public static boolean getBoolean(Object o, boolean dflt) {
        if (o == null) {
            return dflt;
        }
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("Don't know how to convert " + o + " to boolean");
    }

    /** Java-serializes an object. */
    public static byte[] javaSerialize(Object o) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialize " + o.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Java-deserializes an object of the expected class, its classes resolved through the thread's context class
     * loader (a topology's, when its JAR is loaded apart) before the caller's.
     */
    public static <T> T javaDeserialize(byte[] bytes, Class<T> type) {
        return javaDeserialize(bytes, type, loader());
    }

    private static <T> T javaDeserialize(byte[] bytes, Class<T> type, ClassLoader loader) {
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            return type.cast(in.readObject());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resolves classes through a given class loader, then the thread's context one, then as Java's own does. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(InputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
            for (ClassLoader l : new ClassLoader[] {loader, loader()}) {
                try {
                    return Class.forName(desc.getName(), false, l);
                } catch (ClassNotFoundException e) {
                    // Not that loader's: try the next.
                }
            }
            return super.resolveClass(desc);
        }
    }

    /** Java-serializes and deserializes: a deep copy of a serializable object. */
    @SuppressWarnings("unchecked")
    public static <T extends Serializable> T copy(T o) {
        // The object's own class loader first: a custom grouping of a topology JAR loaded apart is copied on an
        // executor thread whose context class loader may not be the JAR's.
        ClassLoader own = o.getClass().getClassLoader();
        return (T) javaDeserialize(javaSerialize(o), Object.class, own != null ? own : loader());
    }

    /** Java-serializes an object (Storm's {@code Utils.serialize}). */
    public static byte[] serialize(Object o) {
        return javaSerialize(o);
    }

    /** Java-deserializes an object of the expected class (Storm's {@code Utils.deserialize}). */
    public static <T> T deserialize(byte[] bytes, Class<T> type) {
        return javaDeserialize(bytes, type);
    }

    /**
     * The configuration a program on this machine sees: every key's default, overridden by the file named by
     * the {@code squall.conf.file} system property (which {@code bin/squall} sets to {@code conf/squall.yaml}),
     * overridden by the {@code -c key=value} options {@code bin/squall} passes on. A new mutable map.
     */
    public static Map<String, Object> readStormConfig() {
        Map<String, Object> conf = new HashMap<>(DaemonConfig.load(List.of()).asMap());
        conf.putAll(readCommandLineOpts());
        return conf;
    }

    /**
     * Storm's way to reach the blob store: the running {@code LocalCluster}'s in local mode (while one runs in this
     * JVM, as under {@code bin/squall local}), else Nimbus's, with the user's credentials and the cluster settings
     * of {@code conf} (its {@code topology.*} keys are not needed for that and are left out).
     */
    public static ClientBlobStore getClientBlobStore(Map<String, Object> conf) {
        LocalFsBlobStore local = LocalModeClientBlobStore.installed();
        if (local != null) {
            return new LocalModeClientBlobStore(local);
        }
        Map<String, Object> cluster = new HashMap<>();
        (conf == null ? Map.<String, Object>of() : conf).forEach((k, v) -> {
            if (!k.startsWith("topology.") && v != null && !(v instanceof Map)) {
                cluster.put(k, v);
            }
        });
        return new NimbusBlobStore(NimbusClient.getConfiguredClient(cluster));
    }

    /** Every key's default value (Storm's {@code defaults.yaml}). A new mutable map. */
    public static Map<String, Object> readDefaultConfig() {
        return new HashMap<>(DaemonConfig.load(null, List.of()).asMap());
    }

    /**
     * The {@code -c key=value} options given to {@code bin/squall jar} or {@code local}, passed to the
     * program in the {@code squall.options} system property (one option a line); empty without it.
     */
    public static Map<String, Object> readCommandLineOpts() {
        String options = System.getProperty(COMMAND_LINE_OPTIONS_PROPERTY);
        if (options == null || options.isBlank()) {
            return new HashMap<>();
        }
        return new HashMap<>(DaemonConfig.parseOverrides(List.of(options.split("\n"))));
    }

    /** The system property through which {@code bin/squall} passes {@code -c} options to programs. */
    public static final String COMMAND_LINE_OPTIONS_PROPERTY = "squall.options";

    /**
     * Reads a YAML map from a file path or, failing that, from a class path resource of that name.
     *
     * @throws InvalidConfigException if neither exists or it is not a YAML map
     */
    public static Map<String, Object> findAndReadConfigFile(String name, boolean mustExist) {
        Object doc = null;
        boolean found = false;
        try {
            Path path = Path.of(name);
            if (Files.isRegularFile(path)) {
                try (InputStream in = Files.newInputStream(path)) {
                    doc = new Yaml().load(in);
                    found = true;
                }
            } else {
                ClassLoader loader = Thread.currentThread().getContextClassLoader();
                try (InputStream in = (loader == null ? Utils.class.getClassLoader() : loader).getResourceAsStream(name)) {
                    if (in != null) {
                        doc = new Yaml().load(in);
                        found = true;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidConfigException("Cannot read config file '" + name + "': " + e.getMessage());
        }
        if (!found) {
            if (mustExist) {
                throw new InvalidConfigException("Config file '" + name + "' is neither a file nor on the class path");
            }
            return new HashMap<>();
        }
        if (doc == null) {
            return new HashMap<>();
        }
        if (!(doc instanceof Map<?, ?> m)) {
            throw new InvalidConfigException("Config file '" + name + "' must be a YAML map of key: value");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    /** {@link #findAndReadConfigFile(String, boolean)} that must exist. */
    public static Map<String, Object> findAndReadConfigFile(String name) {
        return findAndReadConfigFile(name, true);
    }

    /** {@code map.get(key)}, or {@code dflt} if absent or null. */
    public static <K, V> V get(Map<K, V> map, K key, V dflt) {
        V v = map.get(key);
        return v == null ? dflt : v;
    }

    /** The items' strings joined by {@code sep}. */
    public static <T> String join(Iterable<T> items, String sep) {
        StringBuilder b = new StringBuilder();
        for (T item : items) {
            if (b.length() > 0) {
                b.append(sep);
            }
            b.append(item);
        }
        return b.toString();
    }

    /** Whether an id (component or stream) belongs to the system: Storm's and Squall's start with {@code __}. */
    public static boolean isSystemId(String id) {
        return id != null && id.startsWith("__");
    }

    /** This machine's host name. */
    public static String localHostname() throws UnknownHostException {
        return InetAddress.getLocalHost().getCanonicalHostName();
    }

    /** A stream id of a component. */
    public static GlobalStreamId getGlobalStreamId(String componentId, String streamId) {
        return new GlobalStreamId(componentId, streamId == null ? DEFAULT_STREAM_ID : streamId);
    }

    /** 0 for NaN or an infinity, else the value. */
    public static double zeroIfNaNOrInf(double x) {
        return Double.isNaN(x) || Double.isInfinite(x) ? 0 : x;
    }

    /** A new instance of a class by name, through its public no-argument constructor. */
    public static <T> T newInstance(String className) {
        try {
            @SuppressWarnings("unchecked")
            Class<T> k = (Class<T>) Class.forName(className, true, loader());
            return k.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("Cannot create an instance of '" + className + "': it needs to be on "
                    + "the class path with a public no-argument constructor (" + e + ")", e);
        }
    }

    private static ClassLoader loader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l == null ? Utils.class.getClassLoader() : l;
    }

    /** Whether a collection is null or empty. */
    public static boolean isNullOrEmpty(Collection<?> c) {
        return c == null || c.isEmpty();
    }

    /**
     * A port free on this host: {@code preferredPort} when it can be bound, else (or for 0) one the system picks; -1
     * when none can be bound. Another process may take it before the caller binds it, as with Storm's.
     */
    public static int getAvailablePort(int preferredPort) {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(preferredPort)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            return preferredPort > 0 ? getAvailablePort(0) : -1;
        }
    }

    /** A port free on this host, picked by the system; see {@link #getAvailablePort(int)}. */
    public static int getAvailablePort() {
        return getAvailablePort(0);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Utils.class);

    /** Whether {@code throwable} or any exception in its chain of causes is an instance of {@code klass}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static boolean exceptionCauseIsInstanceOf(Class klass, Throwable throwable) {
        return unwrapTo(klass, throwable) != null;
    }

    /**
     * The first exception in the chain {@code t}, {@code t.getCause()}, ... that is an instance of {@code klass};
     * null if none is (or {@code t} is null).
     */
    public static <T extends Throwable> T unwrapTo(Class<T> klass, Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause()) {
            if (klass.isInstance(cur)) {
                return klass.cast(cur);
            }
        }
        return null;
    }

    /** {@code e} itself if it is a {@code RuntimeException}, else a new {@code RuntimeException} caused by it. */
    public static RuntimeException wrapInRuntime(Exception e) {
        return e instanceof RuntimeException re ? re : new RuntimeException(e);
    }

    /** A random UUID as a string, as {@code UUID.randomUUID().toString()}. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }

    private static volatile String configuredHostname;

    /**
     * This machine's name as the cluster knows it: {@code storm.local.hostname} of this machine's configuration
     * ({@link #readStormConfig()}, read once) when set and not empty, else {@link #localHostname()}.
     */
    public static String hostname() throws UnknownHostException {
        String name = configuredHostname;
        if (name == null) {
            Object configured = readStormConfig().get(io.squall.config.UnusedStormKeys.STORM_LOCAL_HOSTNAME);
            name = configured == null ? "" : configured.toString();
            configuredHostname = name;
        }
        return name.isEmpty() ? localHostname() : name;
    }

    /** The bytes between the buffer's position and its limit; the buffer's position moves to its limit. */
    public static byte[] toByteArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }

    /** The bytes gzip-compressed. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
        return bytes.toByteArray();
    }

    /** The bytes of gzip-compressed data; a {@code RuntimeException} if they are not gzip. */
    public static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** {@link #serialize(Object)} encoded as a base64 string. */
    public static String serializeToString(Object obj) {
        return Base64.getEncoder().encodeToString(serialize(obj));
    }

    /** The object of a string made by {@link #serializeToString(Object)}. */
    public static <T> T deserializeFromString(String str, Class<T> clazz) {
        return deserialize(Base64.getDecoder().decode(str), clazz);
    }

    /**
     * A new {@code HashMap} with {@code first}'s entries, then {@code other}'s (which win on a shared key);
     * {@code other} may be null.
     */
    public static <K, V> Map<K, V> merge(Map<? extends K, ? extends V> first, Map<? extends K, ? extends V> other) {
        Map<K, V> out = new HashMap<>(first);
        if (other != null) {
            out.putAll(other);
        }
        return out;
    }

    /** Each value of {@code map} with the keys that map to it ({@code {a=1, b=1, c=2} -> {1=[a, b], 2=[c]}}). */
    public static <K, V> HashMap<V, List<K>> reverseMap(Map<K, V> map) {
        HashMap<V, List<K>> out = new HashMap<>();
        if (map != null) {
            map.forEach((k, v) -> out.computeIfAbsent(v, x -> new ArrayList<>()).add(k));
        }
        return out;
    }

    /** {@link #reverseMap(Map)} of an association list of {@code [key, value]} pairs. */
    public static Map<Object, List<Object>> reverseMap(List<List<Object>> listSeq) {
        Map<Object, List<Object>> out = new HashMap<>();
        if (listSeq != null) {
            for (List<Object> pair : listSeq) {
                out.computeIfAbsent(pair.get(1), x -> new ArrayList<>()).add(pair.get(0));
            }
        }
        return out;
    }

    /** The YAML document of a file (safe loading: plain maps, lists and scalars); null, logged, if it cannot be read. */
    public static Object readYamlFile(String yamlFile) {
        try (InputStream in = Files.newInputStream(Path.of(yamlFile))) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (Exception e) {
            LOG.error("Failed to read yaml file {}", yamlFile, e);
            return null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /**
     * A JSON object as a map, with Storm's (json-simple's) types: whole numbers {@code Long}, others {@code Double},
     * arrays lists; an empty map for null. A {@code RuntimeException} if it is not valid JSON or not an object.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseJson(String json) {
        if (json == null) {
            return new HashMap<>();
        }
        Object parsed;
        try {
            parsed = JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new RuntimeException(e);
        }
        if (!(parsed instanceof Map)) {
            throw new RuntimeException("Not a JSON object: " + json);
        }
        return (Map<String, Object>) parsed;
    }

    /** {@code number} with its sign bit cleared: non-negative, and unlike {@code Math.abs} never negative. */
    public static int toPositive(int number) {
        return number & Integer.MAX_VALUE;
    }

    /**
     * How {@code sum} splits into {@code numPieces} near-equal whole parts: piece size to how many pieces have it
     * ({@code integerDivided(10, 3) = {3=2, 4=1}}).
     */
    public static TreeMap<Integer, Integer> integerDivided(int sum, int numPieces) {
        int base = sum / numPieces;
        int bigger = sum % numPieces;
        TreeMap<Integer, Integer> out = new TreeMap<>();
        out.put(base, numPieces - bigger);
        if (bigger != 0) {
            out.put(base + 1, bigger);
        }
        return out;
    }

    /**
     * {@code coll} in order, cut into at most {@code maxNumChunks} chunks of near-equal size, larger ones first
     * ({@code partitionFixed(3, [1..10]) = [[1,2,3,4], [5,6,7], [8,9,10]]}); no empty chunks; empty for 0 chunks or
     * a null collection.
     */
    public static <T> List<List<T>> partitionFixed(int maxNumChunks, Collection<T> coll) {
        List<List<T>> out = new ArrayList<>();
        if (maxNumChunks == 0 || coll == null) {
            return out;
        }
        java.util.Iterator<T> it = coll.iterator();
        for (Map.Entry<Integer, Integer> sizes : integerDivided(coll.size(), maxNumChunks).descendingMap().entrySet()) {
            for (int c = 0; c < sizes.getValue() && it.hasNext(); c++) {
                List<T> chunk = new ArrayList<>(sizes.getKey());
                for (int i = 0; i < sizes.getKey() && it.hasNext(); i++) {
                    chunk.add(it.next());
                }
                if (!chunk.isEmpty()) {
                    out.add(chunk);
                }
            }
        }
        return out;
    }

    /** {@code a} unless it is null, else {@code b}. */
    @SuppressWarnings("checkstyle:MethodName")
    public static <V> V OR(V a, V b) {
        return a == null ? b : a;
    }

    /** 0 for null, else the value. */
    public static double nullToZero(Double v) {
        return v == null ? 0 : v;
    }

    /** The first element of {@code coll} that {@code pred} accepts, or null (also for a null collection). */
    public static <T> T findOne(IPredicate<T> pred, Collection<T> coll) {
        if (coll != null) {
            for (T candidate : coll) {
                if (pred.test(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    /**
     * The first entry of {@code map} that {@code pred} accepts, or null. As in Storm, {@code pred} is given the map's
     * entries ({@code Map.Entry}), whatever its declared type.
     */
    @SuppressWarnings("unchecked")
    public static <T, U> T findOne(IPredicate<T> pred, Map<U, T> map) {
        return map == null ? null : findOne(pred, (Collection<T>) (Collection<?>) map.entrySet());
    }

    /**
     * Whether {@code conf} comes back the same from JSON, which is how a topology's configuration travels: false
     * (with the keys that differ logged) when a value is not a string, number, boolean, list or map of them.
     */
    public static boolean isValidConf(Map<String, Object> conf) {
        Object back;
        try {
            back = JSON.readValue(JSON.writeValueAsString(conf), Object.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.error("The configuration cannot be written as JSON: {}", e.getMessage());
            return false;
        }
        Map<?, ?> typed = (Map<?, ?>) jsonTyped(conf);
        if (typed.equals(back)) {
            return true;
        }
        List<String> differ = new ArrayList<>();
        Map<?, ?> after = (Map<?, ?>) back;
        typed.forEach((k, v) -> {
            if (!java.util.Objects.equals(v, after.get(k))) {
                differ.add(String.valueOf(k));
            }
        });
        LOG.error("These configuration keys do not survive JSON: {}", differ);
        return false;
    }

    /** {@code v} with whole numbers as {@code Long}s and others as {@code Double}s, in maps and lists too. */
    private static Object jsonTyped(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, jsonTyped(x)));
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            c.forEach(x -> out.add(jsonTyped(x)));
            return out;
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        return v;
    }

    /** Whether {@code key} may name a blob (letters, digits, {@code _ . - :}; not {@code .} or {@code ..}). */
    public static boolean isValidKey(String key) {
        try {
            LocalFsBlobStore.validateKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            return false;
        }
    }

    /**
     * The id of the running topology named {@code name}, as {@code client} (Nimbus, or a local cluster) knows it, or
     * null when none of that name runs.
     */
    public static String getTopologyId(String name, io.squall.topology.Nimbus.Iface client) {
        try {
            io.squall.topology.TopologySummary summary = client.getTopologySummaryByName(name);
            return summary == null ? null : summary.get_id();
        } catch (io.squall.topology.NotAliveException e) {
            return null;
        }
    }

    /**
     * The common part (inputs, streams, parallelism, configuration) of {@code topology}'s spout or bolt {@code id}.
     *
     * @throws IllegalArgumentException when the topology has no component {@code id}
     */
    public static io.squall.topology.ComponentCommon getComponentCommon(io.squall.topology.StormTopology topology,
                                                                     String id) {
        if (topology.get_spouts().containsKey(id)) {
            return topology.get_spouts().get(id).get_common();
        }
        if (topology.get_bolts().containsKey(id)) {
            return topology.get_bolts().get(id).get_common();
        }
        throw new IllegalArgumentException("The topology has no component '" + id + "'");
    }

    /** This JVM's process id, as a string. */
    public static String processPid() {
        return String.valueOf(ProcessHandle.current().pid());
    }

    /** Every thread of this JVM with its state and stack, one block per thread, for a diagnosis. */
    public static String threadDump() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo t : java.lang.management.ManagementFactory.getThreadMXBean()
                .dumpAllThreads(true, true)) {
            out.append('"').append(t.getThreadName()).append("\" id=").append(t.getThreadId()).append(' ')
                    .append(t.getThreadState());
            if (t.getLockName() != null) {
                out.append(" on ").append(t.getLockName());
            }
            out.append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                out.append("    at ").append(e).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static volatile String localHostnameMemo;

    /** {@link #localHostname()}, looked up once per JVM. */
    public static String memoizedLocalHostname() throws UnknownHostException {
        String name = localHostnameMemo;
        if (name == null) {
            name = localHostname();
            localHostnameMemo = name;
        }
        return name;
    }

    /** Whether a file or directory exists at {@code path}. */
    public static boolean checkFileExists(String path) {
        return Files.exists(Path.of(path));
    }

    /** Whether {@code dir} exists and is a directory. */
    public static boolean checkDirExists(String dir) {
        return Files.isDirectory(Path.of(dir));
    }

    /** Whether this JVM runs on Windows. */
    public static boolean isOnWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }

    /** Whether {@code address} names this machine's loopback: {@code localhost}, {@code 127.0.0.1} or {@code ::1}. */
    public static boolean isLocalhostAddress(String address) {
        return "localhost".equals(address) || "127.0.0.1".equals(address) || "::1".equals(address)
                || "0:0:0:0:0:0:0:1".equals(address);
    }

    /**
     * {@code srcMap}'s values in a list by key, index 0 holding key {@code start}, up to the largest key; keys with no
     * value are null, keys below {@code start} left out.
     */
    public static <V> ArrayList<V> convertToArray(Map<Integer, V> srcMap, int start) {
        int largest = srcMap.keySet().stream().mapToInt(Integer::intValue).max().orElse(start - 1);
        ArrayList<V> out = new ArrayList<>(java.util.Collections.nCopies(Math.max(0, largest - start + 1), null));
        srcMap.forEach((id, v) -> {
            if (id >= start) {
                out.set(id - start, v);
            }
        });
        return out;
    }

    /** Throws the first {@code klass} in {@code t}'s chain of causes ({@link #unwrapTo}), if there is one. */
    public static <T extends Throwable> void unwrapAndThrow(Class<T> klass, Throwable t) throws T {
        T found = unwrapTo(klass, t);
        if (found != null) {
            throw found;
        }
    }
}
