package io.squall.trident.coordinator;

import java.util.Map;

/**
 * Where the batch coordinator keeps what must survive a restart, for one transactional stream id
 * ({@code txStateId}): the last committed txid, and per spout partition the metadata of each batch emitted and
 * not yet pruned. Implementations are thread-safe: the coordinator and every spout task use one instance each.
 */
public interface CoordinatorStore extends AutoCloseable {
    /** The last committed txid, 0 if none yet. */
    long committedTxid();

    /** Records that batch {@code txid} is committed. */
    void setCommittedTxid(long txid);

    /** The metadata stored for {@code txid} in a partition, or null. */
    byte[] meta(String partition, long txid);

    /** The latest metadata stored for a txid below {@code txid} in a partition, or null. */
    Map.Entry<Long, byte[]> metaBefore(String partition, long txid);

    /** Stores (or replaces) the metadata of {@code txid} in a partition. */
    void putMeta(String partition, long txid, byte[] meta);

    /** Drops the metadata of txids below {@code txid} in a partition. */
    void pruneMetaBefore(String partition, long txid);

    /** Releases connections; the stored data stays. */
    @Override
    void close();
}
