package io.squall.runtime.api;

import io.squall.spout.CheckPointState;
import io.squall.task.IBolt;

/**
 * A bolt that takes part in checkpoints: its executor calls {@link #onCheckpoint} on the bolt's thread once a
 * checkpoint action has arrived from every input that carries the checkpoint stream, and before it forwards
 * the action downstream.
 */
public interface CheckpointedBolt extends IBolt, RootAcks.User {
    /**
     * Carries out {@code action} for transaction {@code txid}.
     *
     * @return false when this task could not (the error is reported): the checkpoint fails and is retried or
     *         rolled back
     */
    boolean onCheckpoint(long txid, CheckPointState.Action action);

    /**
     * Offers the bolt a way to send the acks it holds from their numbers rather than as tuples; the executor calls
     * it once, after {@code prepare}. A bolt that holds no acks ignores it.
     */
    @Override
    default void useRootAcks(RootAcks acks) {
    }
}
