package io.squall.runtime.routing;

import java.util.List;
import java.util.Objects;

/**
 * Same values of the grouping fields, same task. The hash combines the values' own {@code hashCode}s,
 * which for strings, numbers and enums' names is the same in every JVM, so every worker agrees.
 */
final class FieldsSelector implements TaskSelector {
    private final int[] targets;
    private final int[] fieldIndexes;

    FieldsSelector(int[] targets, int[] fieldIndexes) {
        this.targets = targets.clone();
        this.fieldIndexes = fieldIndexes.clone();
    }

    @Override
    public int select(List<Object> values, int[] out) {
        int h = 1;
        for (int idx : fieldIndexes) {
            Object v = values.get(idx);
            h = 31 * h + (v instanceof Enum<?> e ? e.name().hashCode() : Objects.hashCode(v));
        }
        // Spread the bits so that keys differing only in high bits still land on different tasks.
        h ^= h >>> 16;
        out[0] = targets[Math.floorMod(h, targets.length)];
        return 1;
    }

    @Override
    public int maxTargets() {
        return 1;
    }
}
