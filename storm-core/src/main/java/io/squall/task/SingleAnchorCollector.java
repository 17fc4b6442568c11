package io.squall.task;

import io.squall.tuple.Tuple;

import java.util.List;

/**
 * A collector that takes one anchor as it is, not in a collection: the runtime's bolt collector is one, so that the
 * usual bolt emit ({@link OutputCollector#emit(Tuple, List)}) allocates no list. {@link OutputCollector} uses it when
 * its delegate is one, and otherwise hands a user's {@link IOutputCollector} a one-element collection (an empty one
 * for a null anchor). Called on the executor's thread only, as the collector is.
 * Kept apart from {@link IOutputCollector} so that Storm's interface keeps Storm's methods only (an overload there
 * would make {@code emit(stream, null, values)} ambiguous for its callers).
 */
public interface SingleAnchorCollector {
    /** Emits anchored to one input, or unanchored if {@code anchor} is null; the task ids the tuple was sent to. */
    List<Integer> emit(String streamId, Tuple anchor, List<Object> tuple);

    /** Emits on a direct stream to one task, anchored to one input or unanchored if {@code anchor} is null. */
    void emitDirect(int taskId, String streamId, Tuple anchor, List<Object> tuple);
}
