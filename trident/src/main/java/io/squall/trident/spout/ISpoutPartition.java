package io.squall.trident.spout;

/** One partition of a partitioned spout's source. */
public interface ISpoutPartition {
    /**
     * The partition's id, unique and stable across restarts: the metadata of each batch of the partition is
     * stored under it.
     */
    String getId();
}
