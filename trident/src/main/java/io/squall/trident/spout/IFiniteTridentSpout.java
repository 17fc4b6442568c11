package io.squall.trident.spout;

/**
 * A Trident source over a bounded input that can say it has emitted everything it will: an {@link IBatchSpout}, or
 * the {@code Emitter} of an {@link ITridentSpout} or of a partitioned spout. On a stream declared with event time
 * ({@code Stream.withEventTime}) the batch after which it has finished carries the final watermark, which fires every
 * window downstream, stage after stage, once the batch's tuples are in.
 */
public interface IFiniteTridentSpout {
    /**
     * Whether this task's spout (or emitter) has emitted all it will. Called on the task's thread after each batch it
     * emitted; once true it should stay true. A batch asked for again afterwards (a replay) still carries the
     * watermark it carried the first time.
     */
    boolean isFinished();
}
