package io.squall.trident.plan;

/** How tuples leave one part of a stream for the tasks of the next. */
public enum Partitioning {
    /** Round-robin over the tasks. */
    SHUFFLE,
    /** By the hash of some fields: equal values go to the same task. */
    FIELDS,
    /** Every tuple to every task. */
    BROADCAST,
    /** Everything to one task, the same one for every batch. */
    GLOBAL,
    /** Everything of a batch to one task, chosen per batch. */
    BATCH_GLOBAL,
    /** Round-robin over the tasks in the sender's worker, or over all tasks if none is local. */
    LOCAL_OR_SHUFFLE,
    /** Task {@code i} of the sending part to task {@code i} (modulo their number) of the next part. */
    IDENTITY,
    /** Where a user's {@code CustomStreamGrouping} says. */
    CUSTOM
}
