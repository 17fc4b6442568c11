package io.squall.trident.operation;

import io.squall.tuple.Fields;

import java.util.List;

/** What a multi-reducer knows: the input fields of each stream and its partition. */
public final class TridentMultiReducerContext {
    private final List<Fields> inputFields;
    private final TridentOperationContext context;

    /** The context of a reducer of streams with these input fields, running in {@code context}'s task. */
    public TridentMultiReducerContext(List<Fields> inputFields, TridentOperationContext context) {
        this.inputFields = List.copyOf(inputFields);
        this.context = context;
    }

    /** The fields the reducer gets from stream {@code streamIndex}. */
    public Fields getInputFields(int streamIndex) {
        return inputFields.get(streamIndex);
    }

    /** How many streams are reduced. */
    public int numStreams() {
        return inputFields.size();
    }

    /** The task's partition index, from 0. */
    public int getPartitionIndex() {
        return context.getPartitionIndex();
    }

    /** How many partitions (tasks) the reduction has. */
    public int numPartitions() {
        return context.numPartitions();
    }
}
