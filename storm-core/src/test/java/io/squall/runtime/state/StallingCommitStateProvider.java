package io.squall.runtime.state;

import io.squall.Config;
import io.squall.spout.CheckPointState;
import io.squall.spout.CheckpointSpout;
import io.squall.state.InMemoryKeyValueState;
import io.squall.state.State;
import io.squall.state.StateProvider;
import io.squall.task.TopologyContext;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory state provider whose bolts' commits can be made to fail for a while, as a store that is down after a
 * prepare (a COMMIT fails and is retried every checkpoint interval until it goes through), and whose checkpoint
 * spout can be kept from saving that a PREPARE went through (it then retries every interval before it sends the
 * COMMIT: a commit delayed without any failure at the bolts). Kept for the life of the JVM, by topology and
 * namespace, as {@link io.squall.state.InMemoryKeyValueStateProvider}.
 */
public class StallingCommitStateProvider implements StateProvider {
    private static final Map<String, Stalling> STATES = new ConcurrentHashMap<>();
    /** The topologies whose bolts' commits fail now. */
    public static final Set<String> STALLED = ConcurrentHashMap.newKeySet();
    /** The topologies whose checkpoint spout cannot save a COMMITTING progress now, so no COMMIT is sent. */
    public static final Set<String> COMMIT_DELAYED = ConcurrentHashMap.newKeySet();

    /** A state whose {@code commit(txid)} fails while its topology is stalled, unless it is the checkpoint spout's. */
    private static final class Stalling extends InMemoryKeyValueState<Object, Object> {
        private final String topology;
        private final boolean stalls;

        Stalling(String topology, String namespace) {
            this.topology = topology;
            this.stalls = !namespace.startsWith("$");
        }

        @Override
        public void commit(long txid) {
            if (stalls && STALLED.contains(topology)) {
                throw new IllegalStateException("injected: the store does not answer the commit of " + txid);
            }
            super.commit(txid);
        }

        @Override
        public void commit() {
            if (!stalls && COMMIT_DELAYED.contains(topology)
                    && get(CheckpointSpout.STATE_KEY) instanceof CheckPointState p
                    && p.state() == CheckPointState.State.COMMITTING) {
                throw new IllegalStateException("injected: the store does not answer the save of " + p);
            }
            super.commit();
        }
    }

    @Override
    public State newState(String namespace, Map<String, Object> topoConf, TopologyContext context) {
        String topology = String.valueOf(topoConf.get(Config.TOPOLOGY_NAME));
        return STATES.computeIfAbsent(topology + "/" + namespace, k -> new Stalling(topology, namespace));
    }

    /** The committed entries of every key group of {@code component}. */
    public static Map<Object, Object> committed(String topology, String component) {
        Map<Object, Object> all = new TreeMap<>();
        STATES.forEach((k, s) -> {
            if (k.startsWith(topology + "/" + component + "@") && !k.endsWith(AppliedLog.namespace(""))) {
                all.putAll(s.committedEntries());
            }
        });
        return all;
    }

    /** The committed entries of the state in {@code namespace}, or none. */
    public static Map<Object, Object> committedIn(String topology, String namespace) {
        Stalling s = STATES.get(topology + "/" + namespace);
        return s == null ? Map.of() : new TreeMap<>(s.committedEntries());
    }

    /**
     * A stateful word count's configuration on this provider, one acker and 500 pending sentences, keeping what an
     * earlier run of {@code name} committed (a rescale's next step).
     */
    public static Config conf(String name, int timeoutSecs, int intervalMs) {
        Config conf = new Config();
        conf.put(Config.TOPOLOGY_NAME, name);
        conf.setNumAckers(1);
        conf.setMessageTimeoutSecs(timeoutSecs);
        conf.setMaxSpoutPending(500);
        conf.put(Config.TOPOLOGY_STATE_CHECKPOINT_INTERVAL, intervalMs);
        conf.put(Config.TOPOLOGY_STATE_PROVIDER, StallingCommitStateProvider.class.getName());
        return conf;
    }

    /** The same configuration for a first run of {@code name}: what earlier runs left is forgotten. */
    public static Config freshConf(String name, int timeoutSecs, int intervalMs) {
        clear(name);
        return conf(name, timeoutSecs, intervalMs);
    }

    /** Forgets a topology's states. */
    public static void clear(String topology) {
        STATES.keySet().removeIf(k -> k.startsWith(topology + "/"));
        STALLED.remove(topology);
        COMMIT_DELAYED.remove(topology);
    }
}
