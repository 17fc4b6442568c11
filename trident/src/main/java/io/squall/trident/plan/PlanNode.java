package io.squall.trident.plan;

import io.squall.tuple.Fields;

/** One operation of a {@link TridentPlan}: what a {@code Stream} points at. */
public interface PlanNode {
    /** The fields of the tuples this operation emits. */
    Fields fields();
}
