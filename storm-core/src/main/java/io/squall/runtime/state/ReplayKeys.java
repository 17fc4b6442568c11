package io.squall.runtime.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.squall.Config;
import io.squall.config.ConfigKeys;
import io.squall.spout.CheckpointSpout;
import io.squall.state.QueryableKeyValueState;
import io.squall.state.State;
import io.squall.state.StateFactory;
import io.squall.task.GeneralTopologyContext;
import io.squall.task.TopologyContext;
import io.squall.utils.Clock;
import org.agrona.collections.LongHashSet;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Gives each spout tuple of a topology with stateful bolts its replay key: a 64-bit hash of the spout's component
 * id and its message id, so that every emit of the same message id, in any JVM, has the same key. The key travels
 * with the tuple tree ({@link io.squall.tuple.MessageId#replayKey}) and lets a stateful bolt recognise a replay
 * whose updates it has committed already ({@link AppliedLog}).
 *
 * <p>Numbers and strings are hashed from their value; any other message id from its Kryo serialization (class name
 * and fields, the same bytes in every worker of a topology), or, if Kryo cannot write it, from its class name and
 * {@code hashCode()}. The lowest bit of a key is not part of the hash: it is set ({@link #mayBeReplay}) on every
 * emit by default ({@code topology.state.check.every.tuple}); with that set to false, only when the emit may repeat
 * one whose updates a stateful bolt committed, that is when the spout task failed that message id
 * (the acker's fail or the timeout) or started less than the applied logs' retention ago (a restarted spout replays
 * what it was not acked, whatever it emitted before; in a topology whose checkpoint spout had saved no progress
 * when the task started, nothing was committed before, and the start flags only its first seconds); otherwise the
 * emit is the message id's first, and a stateful bolt applies it without consulting its log. A flag lingers longer
 * than that at times, never shorter. A key without its flag ({@link #base}) is never 0, which stands for "no key".
 * One instance per spout task: executor thread only.
 */
public final class ReplayKeys {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    /** The bit of a key that marks an emit that may be a replay. */
    private static final long MAY_BE_REPLAY = 1L;
    /** Emits between two reads of the clock: a flag may then outlast its time by this many emits. */
    private static final int EMITS_PER_CLOCK_READ = 1024;

    private final long seed;
    private final Clock clock;
    private final long retainMillis;
    private final long startedAtMillis;
    /** For how long after its start the task flags every emit: the retention, less when nothing can be replayed. */
    private long startMillis;
    /** Whether every emit is flagged ({@code topology.state.check.every.tuple}, the default). */
    private boolean flagEvery;
    /** Whether the task started less than {@link #startMillis} ago (as of the last clock read). */
    private boolean starting = true;
    /** The base keys of message ids failed since the last rotation, and in the rotation before it. */
    private LongHashSet failed = new LongHashSet();
    private LongHashSet failedBefore = new LongHashSet();
    private long rotateAtMillis;
    /** Emits until the next clock read; the first emit reads it (a spout may start emitting long after it opens). */
    private int untilClockRead = 1;
    private Kryo kryo;
    private Output out;

    private ReplayKeys(String componentId, Clock clock, long retainMillis) {
        this.seed = hashBytes(0x5EEDL, componentId.getBytes(StandardCharsets.UTF_8), componentId.length());
        this.clock = clock;
        this.retainMillis = retainMillis;
        this.startedAtMillis = clock.currentTimeMillis();
        this.startMillis = retainMillis;
        this.rotateAtMillis = startedAtMillis + retainMillis;
    }

    /**
     * How long a stateful task's applied log keeps a checkpoint's replay keys: twice
     * {@code topology.message.timeout.secs}, since a spout replays what it was not acked within the timeout, or at
     * once when it restarts.
     */
    public static long retainMillis(Map<String, Object> topoConf) {
        Object v = topoConf == null ? null : topoConf.get(Config.TOPOLOGY_MESSAGE_TIMEOUT_SECS);
        long secs = ((Number) (v != null ? v : ConfigKeys.TOPOLOGY_MESSAGE_TIMEOUT_SECS.defaultValue())).longValue();
        return 2 * secs * 1000;
    }

    /** Whether {@code key}, as a tuple carries it, marks an emit that may repeat one already applied. */
    public static boolean mayBeReplay(long key) {
        return (key & MAY_BE_REPLAY) != 0;
    }

    /** {@code key} without its replay flag, as applied logs record it; 0 for no key. */
    public static long base(long key) {
        return key & ~MAY_BE_REPLAY;
    }

    /**
     * The replay keys of a spout's tuples, or null when the topology has no stateful bolt (nothing to pay) or the
     * spout is the checkpoint spout (its barriers are never replayed into a state).
     */
    public static ReplayKeys forSpout(TopologyContext task, String componentId) {
        ReplayKeys keys = forSpout(task, componentId, task.getClock());
        // Only the flagged-only check needs to know (it reads the provider): flagging every emit ignores the start.
        if (keys != null && !keys.flagEvery && !checkpointedBefore(task)) {
            keys.startMillis = Math.min(keys.startMillis, firstCommitMarginMillis(task.getTopologyConf()));
        }
        return keys;
    }

    /**
     * As {@link #forSpout(TopologyContext, String)}, telling the time by {@code clock}, for a spout that flags its
     * emits for the whole retention after its start.
     */
    static ReplayKeys forSpout(GeneralTopologyContext topology, String componentId, Clock clock) {
        if (CheckpointSpout.CHECKPOINT_COMPONENT_ID.equals(componentId)
                || !topology.getComponentIds().contains(CheckpointSpout.CHECKPOINT_COMPONENT_ID)) {
            return null;
        }
        ReplayKeys keys = new ReplayKeys(componentId, clock, retainMillis(topology.getTopologyConf()));
        Map<String, Object> conf = topology.getTopologyConf();
        Object every = conf == null ? null : conf.get(ConfigKeys.TOPOLOGY_STATE_CHECK_EVERY_TUPLE.name());
        keys.flagEvery = !Boolean.FALSE.equals(every) && !"false".equals(every);
        return keys;
    }

    /**
     * Whether the topology's checkpoint spout had saved any progress in the provider before now, so that a
     * stateful bolt may hold committed updates of an earlier run of this spout; true when the provider cannot tell
     * (it gives a state other threads may not read) or fails to answer.
     */
    @SuppressWarnings("unchecked")
    private static boolean checkpointedBefore(TopologyContext task) {
        try {
            State s = StateFactory.getState(CheckpointSpout.CHECKPOINT_COMPONENT_ID, task.getTopologyConf(), task);
            try {
                return !(s instanceof QueryableKeyValueState<?, ?> q)
                        || ((QueryableKeyValueState<Object, ?>) q).committedValue(CheckpointSpout.STATE_KEY) != null;
            } finally {
                if (s instanceof AutoCloseable c) {
                    c.close();
                }
            }
        } catch (Exception e) {
            return true;
        }
    }

    /**
     * How long a spout of a topology that never checkpointed still flags its emits: two checkpoint intervals and at
     * least 5 s, which covers a first checkpoint that committed just after this spout looked (its own earlier run
     * having died within that time).
     */
    private static long firstCommitMarginMillis(Map<String, Object> topoConf) {
        Object v = topoConf == null ? null : topoConf.get(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL);
        long interval = v instanceof Number n ? n.longValue()
                : ((Number) ConfigKeys.TOPOLOGY_STATE_CHECKPOINT_INTERVAL.defaultValue()).longValue();
        return Math.max(5_000, 2 * interval);
    }

    /**
     * The keys of a spout tuple in one tree with message id {@code messageId}, as {@code MessageId} takes them:
     * its {@link #key}, flagged when the emit may be a replay.
     */
    public long[] of(Object messageId) {
        long key = key(messageId);
        return new long[] {mayRepeat(key) ? key | MAY_BE_REPLAY : key};
    }

    /**
     * Notes that the spout task failed {@code messageId} (its tree failed or timed out), so that its next emits
     * within the retention are flagged as possible replays.
     */
    public void failed(Object messageId) {
        tick(clock.currentTimeMillis()); // Before the add: a key is never in a set older than its failure.
        failed.add(key(messageId));
    }

    private boolean mayRepeat(long key) {
        if (--untilClockRead == 0) {
            untilClockRead = EMITS_PER_CLOCK_READ;
            tick(clock.currentTimeMillis());
        }
        return flagEvery || starting || !failed.isEmpty() && failed.contains(key)
                || !failedBefore.isEmpty() && failedBefore.contains(key);
    }

    /**
     * Ends the start's flags after the retention, and rotates the failed keys: {@link #failed} holds those added
     * since {@code rotateAtMillis - retainMillis}, {@link #failedBefore} older ones, each dropped at least a
     * retention after it was added.
     */
    private void tick(long now) {
        starting = now - startedAtMillis <= startMillis;
        if (now >= rotateAtMillis) {
            if (now >= rotateAtMillis + retainMillis) {
                failed.clear();
                failedBefore.clear();
            } else {
                LongHashSet emptied = failedBefore;
                emptied.clear();
                failedBefore = failed;
                failed = emptied;
            }
            rotateAtMillis = now + retainMillis;
        }
    }

    /** The replay key of {@code messageId}, without the flag: never 0, and its lowest bit clear. */
    public long key(Object messageId) {
        long h;
        if (messageId instanceof Long || messageId instanceof Integer || messageId instanceof Short
                || messageId instanceof Byte) {
            h = mix(mix(seed, 1), ((Number) messageId).longValue());
        } else if (messageId instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            h = hashBytes(mix(seed, 2), b, b.length);
        } else {
            h = hashObject(messageId);
        }
        h = base(h);
        return h == 0 ? 2 : h;
    }

    private long hashObject(Object messageId) {
        if (kryo == null) {
            kryo = new Kryo();
            kryo.setRegistrationRequired(false);
            kryo.setReferences(false);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            kryo.setClassLoader(messageId.getClass().getClassLoader() != null
                    ? messageId.getClass().getClassLoader() : ReplayKeys.class.getClassLoader());
            out = new Output(256, -1);
        }
        out.reset();
        try {
            kryo.writeClassAndObject(out, messageId);
            return hashBytes(mix(seed, 3), out.getBuffer(), out.position());
        } catch (RuntimeException e) {
            // Kryo cannot write it (a field it cannot reach): the id's own hash, which the spout's id class then
            // has to derive from its value for replays in another JVM to match.
            byte[] name = messageId.getClass().getName().getBytes(StandardCharsets.UTF_8);
            return mix(hashBytes(mix(seed, 4), name, name.length), messageId.hashCode());
        }
    }

    private static long hashBytes(long h, byte[] b, int length) {
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = v << 8 | (b[i + k] & 0xFFL);
            }
            h = mix(h, v);
        }
        long tail = 0;
        for (int k = length - 1; k >= i; k--) {
            tail = tail << 8 | (b[k] & 0xFFL);
        }
        return mix(mix(h, tail), length);
    }

    /** Folds {@code v} into {@code h}: a multiply and MurmurHash3's 64-bit finalizer, so every bit spreads. */
    private static long mix(long h, long v) {
        long x = (h ^ v) * MULTIPLIER;
        x ^= x >>> 33;
        x *= 0xFF51AFD7ED558CCDL;
        x ^= x >>> 33;
        x *= 0xC4CEB9FE1A85EC53L;
        x ^= x >>> 33;
        return x;
    }
}
