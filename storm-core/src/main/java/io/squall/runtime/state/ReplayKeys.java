package io.squall.runtime.state;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.squall.spout.CheckpointSpout;
import io.squall.task.GeneralTopologyContext;
import org.objenesis.strategy.StdInstantiatorStrategy;

import java.nio.charset.StandardCharsets;

/**
 * Gives each spout tuple of a topology with stateful bolts its replay key: a 64-bit hash of the spout's component
 * id and its message id, so that every emit of the same message id, in any JVM, has the same key. The key travels
 * with the tuple tree ({@link io.squall.tuple.MessageId#replayKey}) and lets a stateful bolt recognise a replay
 * whose updates it has committed already ({@link AppliedLog}).
 *
 * <p>Numbers and strings are hashed from their value; any other message id from its Kryo serialization (class name
 * and fields, the same bytes in every worker of a topology), or, if Kryo cannot write it, from its class name and
 * {@code hashCode()}. A key is never 0, which stands for "no key". One instance per spout executor: executor thread
 * only.
 */
public final class ReplayKeys {
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

    private final long seed;
    private Kryo kryo;
    private Output out;

    private ReplayKeys(String componentId) {
        this.seed = hashBytes(0x5EEDL, componentId.getBytes(StandardCharsets.UTF_8), componentId.length());
    }

    /**
     * The replay keys of a spout's tuples, or null when the topology has no stateful bolt (nothing to pay) or the
     * spout is the checkpoint spout (its barriers are never replayed into a state).
     */
    public static ReplayKeys forSpout(GeneralTopologyContext topology, String componentId) {
        if (CheckpointSpout.CHECKPOINT_COMPONENT_ID.equals(componentId)
                || !topology.getComponentIds().contains(CheckpointSpout.CHECKPOINT_COMPONENT_ID)) {
            return null;
        }
        return new ReplayKeys(componentId);
    }

    /** The keys of a spout tuple in one tree with message id {@code messageId}, as {@code MessageId} takes them. */
    public long[] of(Object messageId) {
        return new long[] {key(messageId)};
    }

    /** The replay key of {@code messageId}; never 0. */
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
        return h == 0 ? 1 : h;
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
