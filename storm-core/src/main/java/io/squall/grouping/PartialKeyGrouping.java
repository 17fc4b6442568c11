package io.squall.grouping;

import io.squall.task.WorkerTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.tuple.Fields;

import java.util.Arrays;
import java.util.List;

/**
 * Storm's partial key grouping: each key goes to one of two candidate tasks, whichever this emitter has
 * sent fewer tuples so far ("power of two choices"). A hot key is spread over two tasks instead of
 * overloading one, while each key still touches at most two tasks, so a downstream aggregation merges
 * at most two partial results per key.
 *
 * <p>The candidates depend only on the key's values, so every emitting task agrees on them; the choice
 * between the two depends on this emitter's own counts. Without fields, the first value is the key.
 * One instance per emitting task, used from its executor thread.
 */
public class PartialKeyGrouping implements CustomStreamGrouping {
    private static final long serialVersionUID = 1L;
    /** Two odd multipliers: two independent-enough hash functions from one key hash. */
    private static final long FIRST = 0x9E3779B97F4A7C15L;
    private static final long SECOND = 0xC2B2AE3D27D4EB4FL;

    private final Fields fields;
    private int[] fieldIndexes;
    private int[] targets;
    private long[] sent;

    /** Groups by the first value of each tuple. */
    public PartialKeyGrouping() {
        this(null);
    }

    /** Groups by the given fields of the stream. */
    public PartialKeyGrouping(Fields fields) {
        this.fields = fields;
    }

    /** The grouping fields, or null for the first value. */
    public Fields getFields() {
        return fields;
    }

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        if (targetTasks == null || targetTasks.isEmpty()) {
            throw new IllegalArgumentException("Partial key grouping on " + stream + " has no target tasks");
        }
        targets = targetTasks.stream().mapToInt(Integer::intValue).toArray();
        sent = new long[targets.length];
        if (fields == null) {
            fieldIndexes = new int[] {0};
        } else {
            Fields out = context.getComponentOutputFields(stream);
            fieldIndexes = new int[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                if (!out.contains(fields.get(i))) {
                    throw new IllegalArgumentException("Partial key grouping on " + stream + " uses field '"
                            + fields.get(i) + "', which the stream does not declare (its fields are " + out + ")");
                }
                fieldIndexes[i] = out.fieldIndex(fields.get(i));
            }
        }
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        int[] candidates = candidates(keyHash(values), targets.length);
        int chosen = sent[candidates[1]] < sent[candidates[0]] ? candidates[1] : candidates[0];
        sent[chosen]++;
        return List.of(targets[chosen]);
    }

    /** The indexes (into the target tasks) of a key's two candidates; distinct when there are two tasks or more. */
    static int[] candidates(int keyHash, int numTasks) {
        int first = Math.floorMod(mix(keyHash * FIRST), numTasks);
        int second = Math.floorMod(mix(keyHash * SECOND), numTasks);
        if (second == first && numTasks > 1) {
            second = (first + 1) % numTasks;
        }
        return new int[] {first, second};
    }

    private static int mix(long h) {
        h ^= h >>> 33;
        return (int) (h ^ (h >>> 29));
    }

    private int keyHash(List<Object> values) {
        int h = 1;
        for (int idx : fieldIndexes) {
            h = 31 * h + valueHash(values.get(idx));
        }
        return h;
    }

    /** A hash every JVM agrees on for the usual key types (strings, numbers, enums, arrays of them). */
    private static int valueHash(Object v) {
        if (v instanceof Enum<?> e) {
            return e.name().hashCode();
        }
        if (v instanceof Object[] a) {
            return Arrays.deepHashCode(a);
        }
        if (v instanceof byte[] a) {
            return Arrays.hashCode(a);
        }
        if (v instanceof int[] a) {
            return Arrays.hashCode(a);
        }
        if (v instanceof long[] a) {
            return Arrays.hashCode(a);
        }
        return v == null ? 0 : v.hashCode();
    }
}
