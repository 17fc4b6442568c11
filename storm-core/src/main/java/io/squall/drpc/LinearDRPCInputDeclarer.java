package io.squall.drpc;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.tuple.Fields;

/** How a bolt of a linear DRPC topology takes the previous bolt's tuples (shuffled unless declared). */
public interface LinearDRPCInputDeclarer {
    /** Tuples with equal {@code fields} go to the same task. */
    LinearDRPCInputDeclarer fieldsGrouping(Fields fields);

    /** Every tuple goes to one task. */
    LinearDRPCInputDeclarer globalGrouping();

    /** Tuples go round-robin over the tasks. */
    LinearDRPCInputDeclarer shuffleGrouping();

    /** Tuples go round-robin over the tasks in the sender's worker, or over all if none is local. */
    LinearDRPCInputDeclarer localOrShuffleGrouping();

    /** The sender does not care: a shuffle. */
    LinearDRPCInputDeclarer noneGrouping();

    /** Every tuple goes to every task. */
    LinearDRPCInputDeclarer allGrouping();

    /** Tuples go where {@code grouping} says. */
    LinearDRPCInputDeclarer customGrouping(CustomStreamGrouping grouping);

    /** Adds a component configuration entry of the bolt. */
    LinearDRPCInputDeclarer addConfiguration(String key, Object value);
}
