package io.squall.runtime.routing;

import io.squall.config.ConfigKeys;
import io.squall.config.InvalidConfigException;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The key groups of keyed stateful bolts, as Flink's maximum parallelism: the values of a fields grouping hash into
 * one of G groups ({@code topology.state.key.groups}, fixed for the topology's life), and of a bolt's n tasks the
 * one of index {@code group * n / G} owns the group, so each task owns a contiguous range of groups and a change
 * of n moves whole groups between tasks, never splits one. A task's state is kept by group, so a new owner finds
 * the group's state where the last checkpoint left it. Stateless and thread-safe.
 */
public final class KeyGroups {
    /** The most key groups a topology may have (Flink's limit too): each is a state object per keyed bolt. */
    public static final int MAX = 32_768;

    private KeyGroups() {
    }

    /**
     * The topology's key groups.
     *
     * @throws InvalidConfigException when {@code topology.state.key.groups} is not a whole number from 1 to
     *                                {@link #MAX}
     */
    public static int count(Map<String, Object> topoConf) {
        Object v = topoConf == null ? null : topoConf.get(ConfigKeys.TOPOLOGY_STATE_KEY_GROUPS.name());
        if (v == null) {
            return (Integer) ConfigKeys.TOPOLOGY_STATE_KEY_GROUPS.defaultValue();
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short)
                || ((Number) v).longValue() < 1 || ((Number) v).longValue() > MAX) {
            throw new InvalidConfigException(ConfigKeys.TOPOLOGY_STATE_KEY_GROUPS.name() + " must be a whole number "
                    + "from 1 to " + MAX + ", not " + v + " (" + v.getClass().getSimpleName() + "): it is the most "
                    + "tasks a keyed stateful bolt can have; keep the default 128 unless a bolt needs more tasks");
        }
        return ((Number) v).intValue();
    }

    /**
     * The hash of the values at {@code fieldIndexes}: the values' own {@code hashCode}s (enums by name), the same
     * in every JVM for strings, numbers and enums.
     */
    public static int hash(List<Object> values, int[] fieldIndexes) {
        int h = 1;
        for (int idx : fieldIndexes) {
            Object v = values.get(idx);
            h = 31 * h + (v instanceof Enum<?> e ? e.name().hashCode() : Objects.hashCode(v));
        }
        return h ^ (h >>> 16);
    }

    /** The key group of the values at {@code fieldIndexes}, from 0 to {@code groups - 1}. */
    public static int groupOf(List<Object> values, int[] fieldIndexes, int groups) {
        // A second mix so that groups and a plain fields grouping's tasks (hash mod n) do not line up.
        int h = hash(values, fieldIndexes) * 0x9E3779B1;
        return Math.floorMod(h ^ (h >>> 15), groups);
    }

    /** The index, among {@code tasks} tasks, of the task that owns {@code group}. */
    public static int owner(int group, int tasks, int groups) {
        return (int) ((long) group * tasks / groups);
    }

    /** The first group the task of index {@code index} of {@code tasks} owns; its range ends at the next's first. */
    public static int firstGroup(int index, int tasks, int groups) {
        return (int) (((long) index * groups + tasks - 1) / tasks);
    }
}
