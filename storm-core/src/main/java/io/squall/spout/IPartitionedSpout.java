package io.squall.spout;

import java.util.Collection;

/**
 * A spout that reads several independent inputs at once (Kafka partitions, files, shards), each in event-time
 * order up to the bounded out-of-orderness but each at its own pace. With event time
 * ({@code SpoutDeclarer.withEventTime}) the runtime then keeps a watermark per partition and sends the minimum
 * over the partitions that are not idle, so a partition that runs ahead does not make the tuples of a slower one
 * late. A partition with no tuple for the spout's idle timeout ({@code withIdleTimeout}), and no backlog, stops
 * holding the watermark back and rejoins with its next tuple; a partition that has not sent anything yet holds it
 * back until then. Every method is called on the spout's thread.
 */
public interface IPartitionedSpout extends ISpout {
    /**
     * The partition the tuple being emitted comes from: called inside every emit (and every re-emit of a failed
     * tuple). Partitions are compared with {@code equals}.
     */
    Object getCurrentPartition();

    /**
     * The partitions the spout reads now. One no longer listed (re-assigned to another task) stops counting; one
     * newly listed holds the watermark back until it emits or goes idle.
     */
    Collection<?> getPartitions();

    /**
     * Whether the spout knows of tuples of {@code partition} it has not emitted yet (read and waiting their turn, or
     * not yet read from the source): such a partition is not idle however long ago it last emitted, so a spout that
     * falls behind on one partition does not let the watermark run past it. Default: no backlog.
     */
    default boolean hasBacklog(Object partition) {
        return false;
    }
}
