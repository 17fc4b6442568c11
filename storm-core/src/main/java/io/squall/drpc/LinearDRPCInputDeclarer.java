package io.squall.drpc;

import io.squall.grouping.CustomStreamGrouping;
import io.squall.topology.ComponentConfigurationDeclarer;
import io.squall.tuple.Fields;

/**
 * How a bolt of a linear DRPC topology takes the previous bolt's tuples (shuffled unless declared), and its own
 * settings ({@code setNumTasks}, {@code setDebug}, {@code addConfiguration}, ...). The forms with a stream take
 * what the previous bolt emits on that stream instead of its default one; as on every stream of a DRPC bolt, each
 * tuple's first value is the request id.
 */
public interface LinearDRPCInputDeclarer extends ComponentConfigurationDeclarer<LinearDRPCInputDeclarer> {
    /** Tuples with equal {@code fields} go to the same task. */
    LinearDRPCInputDeclarer fieldsGrouping(Fields fields);

    /** {@link #fieldsGrouping(Fields)} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer fieldsGrouping(String streamId, Fields fields);

    /** Every tuple goes to one task. */
    LinearDRPCInputDeclarer globalGrouping();

    /** {@link #globalGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer globalGrouping(String streamId);

    /** Tuples go round-robin over the tasks. */
    LinearDRPCInputDeclarer shuffleGrouping();

    /** {@link #shuffleGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer shuffleGrouping(String streamId);

    /** Tuples go round-robin over the tasks in the sender's worker, or over all if none is local. */
    LinearDRPCInputDeclarer localOrShuffleGrouping();

    /** {@link #localOrShuffleGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer localOrShuffleGrouping(String streamId);

    /** The sender does not care: a shuffle. */
    LinearDRPCInputDeclarer noneGrouping();

    /** {@link #noneGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer noneGrouping(String streamId);

    /** Every tuple goes to every task. */
    LinearDRPCInputDeclarer allGrouping();

    /** {@link #allGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer allGrouping(String streamId);

    /** The previous bolt chooses the task of each tuple ({@code emitDirect}); it must declare the stream direct. */
    LinearDRPCInputDeclarer directGrouping();

    /** {@link #directGrouping()} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer directGrouping(String streamId);

    /** Tuples with equal {@code fields} go to one of two tasks, the less loaded. */
    LinearDRPCInputDeclarer partialKeyGrouping(Fields fields);

    /** {@link #partialKeyGrouping(Fields)} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer partialKeyGrouping(String streamId, Fields fields);

    /** Tuples go where {@code grouping} says. */
    LinearDRPCInputDeclarer customGrouping(CustomStreamGrouping grouping);

    /** {@link #customGrouping(CustomStreamGrouping)} of the previous bolt's {@code streamId}. */
    LinearDRPCInputDeclarer customGrouping(String streamId, CustomStreamGrouping grouping);
}
