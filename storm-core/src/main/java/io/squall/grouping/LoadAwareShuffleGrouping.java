package io.squall.grouping;

import io.squall.config.ConfigKey;
import io.squall.config.ConfigKeys;
import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.topology.NodeInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Storm's load-aware, locality-aware shuffle as a custom grouping ({@code customGrouping(id, new
 * LoadAwareShuffleGrouping())}), also for a grouping of one's own to extend or wrap. It sees the target tasks in
 * {@linkplain LocalityScope scopes} around the emitter (its worker, its host, its rack, everything) and starts with
 * the narrowest that has targets. At each {@link #refreshLoad}, once the mean load of the scope's tasks reaches
 * {@code topology.localityaware.higher.bound} (default 0.8) it widens to the next scope with more targets, and it
 * narrows again once the narrower scope's mean load is below {@code topology.localityaware.lower.bound} (0.2). Within
 * the scope each task gets a share of the tuples that falls with its load: an idle task 100 parts, a full one 1
 * (never none, so its load keeps being measured by what it is sent). With no load known yet every task of the scope
 * gets the same share.
 *
 * <p>The shares are laid out over {@link #getCapacity()} slots in a shuffled order that {@code chooseTasks} goes
 * round; {@code refreshLoad} lays them out anew. Both may be called from any thread. Squall's built-in
 * {@code shuffleGrouping} does the same with a scope of the worker and one of everything.
 */
public class LoadAwareShuffleGrouping implements LoadAwareCustomStreamGrouping {
    private static final long serialVersionUID = 1L;
    /** The slots the shares are laid out over. */
    private static final int CAPACITY = 1000;
    /** The share of an idle task; a full one's is 1. */
    private static final int MAX_WEIGHT = 100;

    /** Where target tasks are relative to the emitter, narrowest first; each scope holds the narrower ones' tasks. */
    public enum LocalityScope {
        /** The tasks of the emitter's worker. */
        WORKER_LOCAL,
        /** The tasks of workers on the emitter's host. */
        HOST_LOCAL,
        /**
         * The tasks of the emitter's rack; Squall maps no racks ({@code storm.network.topography.plugin} has no
         * effect), so every host is on one rack and this scope holds every target.
         */
        RACK_LOCAL,
        /** Every target task. */
        EVERYTHING;

        /** The next wider scope ({@link #EVERYTHING} stays). */
        public static LocalityScope downgrade(LocalityScope current) {
            return current == EVERYTHING ? EVERYTHING : values()[current.ordinal() + 1];
        }

        /** The next narrower scope ({@link #WORKER_LOCAL} stays). */
        public static LocalityScope upgrade(LocalityScope current) {
            return current == WORKER_LOCAL ? WORKER_LOCAL : values()[current.ordinal() - 1];
        }
    }

    /** Layout: the chosen lists by target index, and which target indexes each scope holds. */
    private List<List<Integer>> rets;
    private int[] targets;
    private int[][] scopeTargets;
    private double higherBound;
    private double lowerBound;
    private transient SplittableRandom random;
    private volatile LocalityScope scope;
    /** Target indexes, each as often as its share. */
    private volatile int[] slots;
    private final AtomicInteger next = new AtomicInteger();

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        targets = targetTasks.stream().mapToInt(Integer::intValue).toArray();
        rets = new ArrayList<>(targets.length);
        for (int t : targets) {
            rets.add(List.of(t));
        }
        Map<String, Object> conf = context.getTopologyConf();
        higherBound = bound(conf, ConfigKeys.TOPOLOGY_LOCALITYAWARE_HIGHER_BOUND);
        lowerBound = bound(conf, ConfigKeys.TOPOLOGY_LOCALITYAWARE_LOWER_BOUND);
        scopeTargets = scopes(context, targets);
        random = new SplittableRandom(ThreadLocalRandom.current().nextLong());
        LocalityScope first = LocalityScope.EVERYTHING;
        for (LocalityScope s : LocalityScope.values()) {
            if (scopeTargets[s.ordinal()].length > 0) {
                first = s;
                break;
            }
        }
        int[] equal = new int[targets.length];
        Arrays.fill(equal, MAX_WEIGHT);
        scope = first;
        slots = layOut(scopeTargets[first.ordinal()], equal);
    }

    private static double bound(Map<String, Object> conf, ConfigKey key) {
        Object v = conf == null ? null : conf.get(key.name());
        return v instanceof Number n ? n.doubleValue() : ((Number) key.defaultValue()).doubleValue();
    }

    /** The target indexes of each scope, by the scope's ordinal. */
    private static int[][] scopes(WorkerTopologyContext context, int[] targets) {
        List<Integer> workerTasks = context.getThisWorkerTasks();
        Map<Integer, NodeInfo> nodes = context.getTaskToNodePort() == null ? null : context.getTaskToNodePort().get();
        Map<String, String> hosts = context.getNodeToHost() == null ? null : context.getNodeToHost().get();
        String here = hosts == null ? null : hosts.get(context.getAssignmentId());
        List<Integer> worker = new ArrayList<>();
        List<Integer> host = new ArrayList<>();
        for (int i = 0; i < targets.length; i++) {
            boolean inWorker = workerTasks != null && workerTasks.contains(targets[i]);
            if (inWorker) {
                worker.add(i);
            }
            NodeInfo node = nodes == null ? null : nodes.get(targets[i]);
            if (inWorker || here != null && node != null && here.equals(hosts.get(node.get_node()))) {
                host.add(i);
            }
        }
        int[] all = new int[targets.length];
        Arrays.setAll(all, i -> i);
        int[][] byScope = new int[LocalityScope.values().length][];
        byScope[LocalityScope.WORKER_LOCAL.ordinal()] = worker.stream().mapToInt(Integer::intValue).toArray();
        byScope[LocalityScope.HOST_LOCAL.ordinal()] = host.stream().mapToInt(Integer::intValue).toArray();
        byScope[LocalityScope.RACK_LOCAL.ordinal()] = all;
        byScope[LocalityScope.EVERYTHING.ordinal()] = all;
        return byScope;
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        int[] s = slots;
        return rets.get(s[Math.floorMod(next.getAndIncrement(), s.length)]);
    }

    @Override
    public synchronized void refreshLoad(LoadMapping loadMapping) {
        LocalityScope current = scope;
        if (mean(current, loadMapping) >= higherBound) {
            current = wider(current);
        } else {
            LocalityScope narrower = narrower(current);
            if (narrower != current && mean(narrower, loadMapping) < lowerBound) {
                current = narrower;
            }
        }
        int[] weights = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            double load = Math.min(1, Math.max(0, loadMapping.get(targets[i])));
            weights[i] = Math.max(1, (int) Math.round(MAX_WEIGHT * (1 - load)));
        }
        slots = layOut(scopeTargets[current.ordinal()], weights);
        scope = current;
    }

    /** The mean load of the tasks of {@code s}. */
    private double mean(LocalityScope s, LoadMapping loads) {
        int[] in = scopeTargets[s.ordinal()];
        double sum = 0;
        for (int i : in) {
            sum += Math.min(1, Math.max(0, loads.get(targets[i])));
        }
        return in.length == 0 ? 1 : sum / in.length;
    }

    /** The next scope with more targets than {@code s}, or {@code s} when none has. */
    private LocalityScope wider(LocalityScope s) {
        for (LocalityScope w = LocalityScope.downgrade(s); ; w = LocalityScope.downgrade(w)) {
            if (scopeTargets[w.ordinal()].length > scopeTargets[s.ordinal()].length) {
                return w;
            }
            if (w == LocalityScope.EVERYTHING) {
                return s;
            }
        }
    }

    /** The next scope with fewer targets than {@code s} but some, or {@code s} when none has. */
    private LocalityScope narrower(LocalityScope s) {
        for (LocalityScope n = LocalityScope.upgrade(s); n != s; n = LocalityScope.upgrade(n)) {
            int size = scopeTargets[n.ordinal()].length;
            if (size > 0 && size < scopeTargets[s.ordinal()].length) {
                return n;
            }
            if (n == LocalityScope.WORKER_LOCAL) {
                break;
            }
        }
        return s;
    }

    /**
     * The slots for the targets {@code in} with the given weights: each target's share of {@link #CAPACITY}, rounded
     * so that they add up to it (at least one slot each), in a shuffled order.
     */
    private int[] layOut(int[] in, int[] weights) {
        long total = 0;
        for (int i : in) {
            total += weights[i];
        }
        int capacity = Math.max(CAPACITY, in.length);
        int[] out = new int[capacity];
        int n = 0;
        double carried = 0;
        for (int k = 0; k < in.length; k++) {
            double exact = (double) capacity * weights[in[k]] / total + carried;
            int count = k == in.length - 1 ? capacity - n : Math.max(1, Math.min(capacity - n - (in.length - k - 1),
                    (int) Math.round(exact)));
            carried = exact - count;
            for (int c = 0; c < count; c++) {
                out[n++] = in[k];
            }
        }
        for (int i = capacity - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    /** The slots the targets' shares are laid out over. */
    public int getCapacity() {
        return slots == null ? CAPACITY : slots.length;
    }

    /** The scope the tasks are chosen from now. */
    public LocalityScope getCurrentScope() {
        return Objects.requireNonNull(scope, "not prepared");
    }
}
