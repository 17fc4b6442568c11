package io.squall.runtime.api;

import java.util.Map;

/**
 * What one component has done so far, summed over its tasks: an immutable snapshot, taken when asked for.
 *
 * @param componentId  the component
 * @param emitted      tuples handed to emit (one per emit call)
 * @param transferred  tuples sent to tasks (one per target)
 * @param executed     tuples a bolt executed
 * @param acked        by a bolt, inputs acked; by a spout, trees completed
 * @param failed       by a bolt, inputs failed; by a spout, trees a bolt failed
 * @param timedOut     spout trees that timed out
 * @param errors       errors reported or thrown by the component's tasks
 * @param lateTuples   tuples a windowed bolt received after the watermark had passed them
 * @param meanCompleteLatencyMs mean spout complete latency over every completed tree, or 0
 * @param failedBy     spout trees failed, by the component that failed them
 */
public record ComponentCounts(String componentId, long emitted, long transferred, long executed, long acked,
                              long failed, long timedOut, long errors, long lateTuples, double meanCompleteLatencyMs,
                              Map<String, Long> failedBy) {
    /** A snapshot; {@code failedBy} is copied. */
    public ComponentCounts {
        failedBy = Map.copyOf(failedBy);
    }
}
