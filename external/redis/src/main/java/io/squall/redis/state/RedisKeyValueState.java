package io.squall.redis.state;

import io.squall.redis.common.RedisClients;
import io.squall.redis.common.RedisOutage;
import io.squall.redis.common.RedisUnavailableException;
import io.squall.state.KeyValueState;
import io.squall.state.QueryableKeyValueState;
import io.squall.state.Serializer;
import io.squall.state.UnserializableStateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A {@link KeyValueState} kept in Redis, so that a task that moves to another host finds its state again. Three
 * Redis keys per namespace {@code N}:
 * <ul>
 *   <li>{@code N}: a hash of the committed state (serialized key → serialized value);</li>
 *   <li>{@code N$staged}: a hash of the changes staged by {@link #prepareCommit}, each value tagged with one
 *   byte: {@code 1} then the value for a put, a lone {@code 0} for a delete;</li>
 *   <li>{@code N$txid}: a hash with the {@code committed} txid and the {@code staged} one, if any.</li>
 * </ul>
 * {@link #prepareCommit} writes the changes made since the last one into {@code N$staged} in one MULTI/EXEC;
 * {@link #commit(long)} applies {@code N$staged} to {@code N} and records the txid in one Lua script, so Redis
 * holds either the old committed state or the new one, never a mix. A state opened on a namespace sees exactly
 * the last committed state: a staging left by a previous task is not shown, but a {@code commit} of its txid
 * completes it and a {@link #rollback} drops it, which is what the checkpoint protocol sends after a failure.
 *
 * <p>Changes since the last {@code prepareCommit} and the staged ones are also kept in memory, so reads see
 * them and a failed Redis call loses nothing: every method either completes or throws
 * {@link RedisUnavailableException} having changed nothing, and can be called again once Redis is back.
 * Values are serialized at {@link #put}, so a value that cannot be serialized fails there, naming its class.
 *
 * <p>Owned by one task's executor thread; not thread-safe, except the {@link QueryableKeyValueState} reads
 * (the dashboard's state queries and the size metrics), which any thread may make: {@link #committedValue} reads
 * the committed hash through the shared client (so the serializers must be thread-safe, as the default Kryo one
 * is), {@link #committedSize} and {@link #lastPreparedKeys} are kept in memory by the owner. Only one live task
 * may own a namespace.
 */
public final class RedisKeyValueState<K, V> implements QueryableKeyValueState<K, V>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisKeyValueState.class);
    private static final long NONE = Long.MIN_VALUE;
    private static final byte PUT = 1;
    private static final byte DELETE = 0;
    private static final byte[] COMMITTED_FIELD = bytes("committed");
    private static final byte[] STAGED_FIELD = bytes("staged");
    private static final int SCAN_COUNT = 1000;
    /** The commit script's error when the txid is not staged. */
    private static final String NOT_STAGED = "SQUALL_NOT_STAGED";
    /** Fields per HSET: one command per thousand changes rather than one per change. */
    private static final int BATCH = 1000;

    /**
     * KEYS: committed hash, staged hash, txid hash; ARGV: txid. Applies the staging, or nothing when txid was
     * already committed (a retry whose first reply was lost), and returns the committed hash's size; an error
     * when txid is not staged.
     */
    private static final byte[] COMMIT_SCRIPT = bytes("""
            local txid = ARGV[1]
            if redis.call('HGET', KEYS[3], 'committed') == txid then return redis.call('HLEN', KEYS[1]) end
            local staged = redis.call('HGET', KEYS[3], 'staged')
            if staged ~= txid then
              return redis.error_reply('SQUALL_NOT_STAGED ' .. (staged or 'none'))
            end
            local changes = redis.call('HGETALL', KEYS[2])
            local puts, dels = {}, {}
            for i = 1, #changes, 2 do
              local v = changes[i + 1]
              if string.byte(v, 1) == 0 then
                dels[#dels + 1] = changes[i]
              else
                puts[#puts + 1] = changes[i]
                puts[#puts + 1] = string.sub(v, 2)
              end
              if #puts >= 1000 then
                redis.call('HSET', KEYS[1], unpack(puts))
                puts = {}
              end
              if #dels >= 1000 then
                redis.call('HDEL', KEYS[1], unpack(dels))
                dels = {}
              end
            end
            if #puts > 0 then redis.call('HSET', KEYS[1], unpack(puts)) end
            if #dels > 0 then redis.call('HDEL', KEYS[1], unpack(dels)) end
            redis.call('DEL', KEYS[2])
            redis.call('HSET', KEYS[3], 'committed', txid)
            redis.call('HDEL', KEYS[3], 'staged')
            return redis.call('HLEN', KEYS[1])
            """);

    /** A put (valueBytes set) or a delete (valueBytes null) of one key, serialized. */
    private record Change<V>(byte[] key, V value, byte[] valueBytes) {
        boolean deleted() {
            return valueBytes == null;
        }

        byte[] tagged() {
            if (valueBytes == null) {
                return new byte[]{DELETE};
            }
            byte[] t = new byte[valueBytes.length + 1];
            t[0] = PUT;
            System.arraycopy(valueBytes, 0, t, 1, valueBytes.length);
            return t;
        }
    }

    private final String namespace;
    private final UnifiedJedis redis;
    private final String address;
    /** When the server last failed to answer: reads fail at once for a moment after that. */
    private final RedisOutage outage;
    /** Releases the client when the state closes: closes it, releases a lease, or nothing. */
    private final AutoCloseable release;
    private boolean closed;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final byte[] committedKey;
    private final byte[] stagedKey;
    private final byte[] txidKey;

    /** Changes since the last prepareCommit, in order. */
    private final Map<K, Change<V>> pending = new LinkedHashMap<>();
    /** Changes this object staged under stagedTxid and not yet committed; null when it staged none. */
    private Map<K, Change<V>> staged;
    private long stagedTxid = NONE;
    private long committedTxid;
    /** The committed hash's size as of the last commit this state saw; read by any thread. */
    private volatile long committedSize;
    /** Keys written by the last prepareCommit; read by any thread. */
    private volatile int lastPreparedKeys;

    /**
     * Opens the state of {@code namespace}: reads its committed txid, shows its last committed state.
     *
     * @param redis      the client; closed by {@link #close} when {@code ownsClient}
     * @param address    {@code host:port} of the server, for messages
     * @throws RedisUnavailableException when Redis does not answer
     */
    public RedisKeyValueState(String namespace, UnifiedJedis redis, String address, boolean ownsClient,
                              Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        this(namespace, redis, address, ownsClient ? redis::close : () -> { }, keySerializer, valueSerializer);
    }

    /**
     * Opens the state of {@code namespace} on a client that others may share (such as a lease of
     * {@link io.squall.redis.common.SharedRedisClients}): reads its committed txid, shows its last committed state.
     *
     * @param redis   the client
     * @param address {@code host:port} of the server, for messages
     * @param release what {@link #close} calls, once, to give the client back
     * @throws RedisUnavailableException when Redis does not answer
     */
    public RedisKeyValueState(String namespace, UnifiedJedis redis, String address, AutoCloseable release,
                              Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("The state namespace is empty: give each state a name of its own");
        }
        this.namespace = namespace;
        this.redis = redis;
        this.address = address;
        this.outage = RedisOutage.of(address);
        this.release = release;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
        this.committedKey = bytes(namespace);
        this.stagedKey = bytes(namespace + "$staged");
        this.txidKey = bytes(namespace + "$txid");
        this.committedTxid = call("open", () -> txid(redis.hget(txidKey, COMMITTED_FIELD)));
        this.committedSize = call("open", () -> redis.hlen(committedKey));
    }

    /** The namespace this state is saved under. */
    public String namespace() {
        return namespace;
    }

    /** The txid of the last commit seen in Redis, or {@link Long#MIN_VALUE} when there was none. */
    public long committedTxid() {
        return committedTxid;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the key or value is null, or cannot be serialized (naming its class)
     */
    @Override
    public void put(K key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("Null value for key " + key + " in state " + namespace
                    + ": a state cannot hold null; delete(key) removes a key");
        }
        pending.put(key, new Change<>(keyBytes(key), value, serialize(valueSerializer, key, value, "value")));
    }

    @Override
    public V get(K key) {
        Change<V> c = local(key);
        if (c != null) {
            return c.deleted() ? null : c.value();
        }
        byte[] keyBytes = keyBytes(key);
        long pausedSince = outage.pausedSinceMillis();
        if (pausedSince >= 0) {
            throw new RedisUnavailableException("Redis at " + address + " did not answer " + pausedSince + " ms ago ("
                    + outage.cause() + "): reads of state " + namespace + " fail at once for "
                    + RedisOutage.PAUSE_MILLIS + " ms after a failure, then try again. The state keeps its staged and "
                    + "pending changes.", null);
        }
        byte[] v = call("get", () -> redis.hget(committedKey, keyBytes));
        return v == null ? null : valueSerializer.deserialize(v);
    }

    @Override
    public V get(K key, V defaultValue) {
        V v = get(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public V delete(K key) {
        V old = get(key);
        pending.put(key, new Change<>(keyBytes(key), null, null));
        return old;
    }

    /**
     * The current entries: the committed ones from Redis (read in batches with HSCAN) overlaid with the staged
     * and pending changes. Do not change the state while iterating.
     */
    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
        Map<K, Change<V>> overlay = new LinkedHashMap<>();
        if (staged != null) {
            overlay.putAll(staged);
        }
        overlay.putAll(pending);
        return new MergingIterator(overlay);
    }

    /**
     * Stages the changes since the last commit under {@code txid}. Calling it again for the txid already staged
     * adds what changed since (nothing, if nothing did); for the txid last committed it does nothing, and the
     * changes stay pending for the next txid.
     *
     * @throws RedisUnavailableException if Redis failed; nothing was staged and the call can be repeated
     */
    @Override
    public void prepareCommit(long txid) {
        if (txid == committedTxid) {
            LOG.debug("State {}: prepareCommit({}) again after its commit; nothing to do", namespace, txid);
            return;
        }
        boolean replaceForeign = staged == null;
        call("prepareCommit(" + txid + ")", () -> {
            try (AbstractTransaction tx = redis.multi()) {
                if (replaceForeign) {
                    tx.del(stagedKey); // a staging by a previous owner of the namespace is replaced, not merged
                }
                Map<byte[], byte[]> batch = new HashMap<>();
                for (Change<V> c : pending.values()) {
                    batch.put(c.key(), c.tagged());
                    if (batch.size() == BATCH) {
                        tx.hset(stagedKey, batch);
                        batch = new HashMap<>();
                    }
                }
                if (!batch.isEmpty()) {
                    tx.hset(stagedKey, batch);
                }
                tx.hset(txidKey, STAGED_FIELD, bytes(Long.toString(txid)));
                exec(tx);
            }
            return null;
        });
        if (staged == null) {
            staged = new HashMap<>();
        }
        staged.putAll(pending);
        lastPreparedKeys = pending.size();
        pending.clear();
        stagedTxid = txid;
    }

    /**
     * Makes the changes staged under {@code txid} the committed state, atomically. Committing the txid already
     * committed does nothing, nor does committing a txid nothing was staged under (a keyed bolt commits all its key
     * groups when it repeats or recovers a COMMIT, also those its checkpoint did not touch), as with the other
     * providers. Also completes a staging left under {@code txid} by a previous owner of the namespace.
     *
     * @throws IllegalStateException     if this object staged {@code txid} and Redis no longer has it (its data was
     *                                   lost: a Redis restarted without its append-only file)
     * @throws RedisUnavailableException if Redis failed; the staging is kept and the call can be repeated
     */
    @Override
    public void commit(long txid) {
        if (txid == committedTxid) {
            return;
        }
        byte[] id = bytes(Long.toString(txid));
        Object size;
        try {
            size = call("commit(" + txid + ")", () -> redis.eval(COMMIT_SCRIPT,
                    List.of(committedKey, stagedKey, txidKey), List.of(id)));
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains(NOT_STAGED)) {
                if (stagedTxid != txid) {
                    return; // Neither this object nor a previous owner staged anything under txid.
                }
                String stagedNow = e.getMessage().substring(e.getMessage().indexOf(NOT_STAGED)
                        + NOT_STAGED.length()).trim();
                throw new IllegalStateException("commit(" + txid + ") of state " + namespace + " after its "
                        + "prepareCommit(" + txid + "), but Redis at " + address + " has "
                        + ("none".equals(stagedNow) ? "nothing" : "txid " + stagedNow) + " staged: the staged "
                        + "changes were lost (a Redis restarted without its append-only file, or a key deleted); "
                        + "run Redis with appendonly yes so a checkpoint survives a restart", e);
            }
            throw e;
        }
        committedTxid = txid;
        committedSize = ((Number) size).longValue();
        if (stagedTxid == txid) {
            staged = null;
            stagedTxid = NONE;
        }
    }

    /**
     * Makes the staged and pending changes the committed state at once, outside the checkpoint protocol; the
     * committed txid does not change.
     *
     * @throws RedisUnavailableException if Redis failed; nothing was applied and the call can be repeated
     */
    @Override
    public void commit() {
        Map<K, Change<V>> changes = new LinkedHashMap<>();
        if (staged != null) {
            changes.putAll(staged);
        }
        changes.putAll(pending);
        long size = call("commit()", () -> {
            try (AbstractTransaction tx = redis.multi()) {
                for (Change<V> c : changes.values()) {
                    if (c.deleted()) {
                        tx.hdel(committedKey, c.key());
                    } else {
                        tx.hset(committedKey, c.key(), c.valueBytes());
                    }
                }
                tx.del(stagedKey);
                tx.hdel(txidKey, STAGED_FIELD);
                tx.hlen(committedKey);
                List<Object> replies = exec(tx);
                return ((Number) replies.get(replies.size() - 1)).longValue();
            }
        });
        committedSize = size;
        pending.clear();
        staged = null;
        stagedTxid = NONE;
    }

    /**
     * Drops the pending and staged changes (also a staging left by a previous owner): the state is its last
     * commit again.
     *
     * @throws RedisUnavailableException if Redis failed; nothing was dropped and the call can be repeated
     */
    @Override
    public void rollback() {
        call("rollback", () -> {
            try (AbstractTransaction tx = redis.multi()) {
                tx.del(stagedKey);
                tx.hdel(txidKey, STAGED_FIELD);
                exec(tx);
            }
            return null;
        });
        pending.clear();
        staged = null;
        stagedTxid = NONE;
    }

    /**
     * The committed value of {@code key}, read from Redis: never the pending or staged changes. Any thread.
     *
     * @throws RedisUnavailableException if Redis failed
     */
    @Override
    public V committedValue(K key) {
        byte[] keyBytes = keyBytes(key);
        byte[] v = call("committedValue", () -> redis.hget(committedKey, keyBytes));
        return v == null ? null : valueSerializer.deserialize(v);
    }

    /** The committed hash's size when this state opened or last committed (HLEN then), without a call. */
    @Override
    public long committedSize() {
        return committedSize;
    }

    @Override
    public int lastPreparedKeys() {
        return lastPreparedKeys;
    }

    /** Gives the Redis client back as the constructor was told to (closes it, releases a lease), once. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            release.close();
        } catch (Exception e) {
            LOG.warn("State {}: releasing its Redis client failed: {}", namespace, e.toString());
        }
    }

    @Override
    public String toString() {
        return "RedisKeyValueState{" + namespace + " at " + address + ", committed txid "
                + (committedTxid == NONE ? "none" : committedTxid) + ", " + pending.size() + " pending, "
                + (staged == null ? 0 : staged.size()) + " staged}";
    }

    private Change<V> local(K key) {
        Change<V> c = pending.get(key);
        if (c == null && staged != null) {
            c = staged.get(key);
        }
        return c;
    }

    private byte[] keyBytes(K key) {
        if (key == null) {
            throw new IllegalArgumentException("Null key in state " + namespace + ": keys cannot be null");
        }
        return serialize(keySerializer, key, key, "key");
    }

    private <T> byte[] serialize(Serializer<T> serializer, Object key, T obj, String what) {
        try {
            return serializer.serialize(obj);
        } catch (RuntimeException e) {
            throw UnserializableStateException.of(namespace, what + " (with " + serializer.getClass().getName()
                    + ")", key, obj, e);
        }
    }

    private interface RedisCall<T> {
        T run();
    }

    /**
     * Runs one Redis round trip, turning a connection failure into a retryable exception naming the server. A
     * call that fails on its connection is tried once more on a new one: pooled connections die with a restarted
     * server, so the pool's idle ones (shared with other states) are dropped first, and every call made here is
     * idempotent (a write sets what it sets again, the commit script checks the committed txid).
     */
    private <T> T call(String operation, RedisCall<T> call) {
        try {
            T answer;
            try {
                answer = call.run();
            } catch (JedisConnectionException stale) {
                LOG.debug("State {}: {} failed on its connection, trying a new one", namespace, operation, stale);
                if (redis instanceof RedisClient pooled) {
                    pooled.getPool().clear();
                }
                answer = call.run();
            }
            outage.answered();
            return answer;
        } catch (JedisDataException e) {
            outage.answered();
            // Redis answered with an error: not a connection problem
            if (String.valueOf(e.getMessage()).contains(NOT_STAGED)) {
                throw e;
            }
            throw refused(e);
        } catch (JedisException e) {
            outage.failed(RedisClients.rootMessage(e));
            throw new RedisUnavailableException("Redis at " + address + " failed during " + operation + " of state "
                    + namespace + ": " + RedisClients.rootMessage(e) + ". The state keeps its staged and pending "
                    + "changes: call it again once Redis is back.", e);
        }
    }

    /**
     * Runs a transaction, throwing if Redis refused one of its commands (EXEC reports such errors in its
     * reply instead of failing): a key of this namespace holding another data type.
     */
    private List<Object> exec(AbstractTransaction tx) {
        List<Object> replies = tx.exec();
        for (Object reply : replies) {
            if (reply instanceof JedisDataException refused) {
                throw refused(refused);
            }
        }
        return replies;
    }

    private IllegalStateException refused(JedisDataException e) {
        return new IllegalStateException("Redis at " + address + " refused a command on state " + namespace + ": "
                + e.getMessage() + ". The Redis keys " + namespace + ", " + namespace + "$staged and " + namespace
                + "$txid must be hashes or absent: delete what else is there or use another namespace", e);
    }

    private static long txid(byte[] value) {
        return value == null ? NONE : Long.parseLong(new String(value, StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The overlay's live entries, then the committed entries from Redis whose keys the overlay does not hold. */
    private final class MergingIterator implements Iterator<Map.Entry<K, V>> {
        private final Iterator<Map.Entry<K, Change<V>>> local;
        private final Set<ByteBuffer> shadowed = new HashSet<>();
        private final Deque<Map.Entry<K, V>> batch = new ArrayDeque<>();
        private byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        private boolean scanDone;
        private Map.Entry<K, V> next;

        MergingIterator(Map<K, Change<V>> overlay) {
            this.local = overlay.entrySet().iterator();
            for (Change<V> c : overlay.values()) {
                shadowed.add(ByteBuffer.wrap(c.key()));
            }
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!advance()) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Map.Entry<K, V> e = next;
            next = null;
            return e;
        }

        /** Sets next, or returns false at the end. */
        private boolean advance() {
            while (local.hasNext()) {
                Map.Entry<K, Change<V>> e = local.next();
                if (!e.getValue().deleted()) {
                    next = new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue().value());
                    return true;
                }
            }
            while (batch.isEmpty() && !scanDone) {
                scanBatch();
            }
            next = batch.poll();
            return next != null;
        }

        private void scanBatch() {
            ScanResult<Map.Entry<byte[], byte[]>> r = call("iterate", () ->
                    redis.hscan(committedKey, cursor, new ScanParams().count(SCAN_COUNT)));
            for (Map.Entry<byte[], byte[]> e : r.getResult()) {
                // shadowed also remembers what was returned: HSCAN may return a field twice
                if (shadowed.add(ByteBuffer.wrap(e.getKey()))) {
                    batch.add(new AbstractMap.SimpleImmutableEntry<>(keySerializer.deserialize(e.getKey()),
                            valueSerializer.deserialize(e.getValue())));
                }
            }
            cursor = r.getCursorAsBytes();
            scanDone = r.isCompleteIteration();
        }
    }
}
