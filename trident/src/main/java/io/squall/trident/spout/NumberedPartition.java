package io.squall.trident.spout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Partition {@code index} of a source with a fixed number of partitions; its id is {@code name} (the index as
 * text unless given).
 */
public record NumberedPartition(int index, String name) implements ISpoutPartition, Serializable {
    /** Partition {@code index}, named by its index. */
    public NumberedPartition(int index) {
        this(index, Integer.toString(index));
    }

    /** Partitions 0 to {@code count - 1}, named by their indexes. */
    public static List<NumberedPartition> of(int count) {
        List<NumberedPartition> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(new NumberedPartition(i));
        }
        return all;
    }

    @Override
    public String getId() {
        return name;
    }
}
