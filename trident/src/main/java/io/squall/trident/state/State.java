package io.squall.trident.state;

/**
 * Something a Trident stream updates and queries. Updates for a batch happen between
 * {@code beginCommit(txid)} and {@code commit(txid)}, strictly in txid order, on one task thread.
 */
public interface State {
    /** Updates for batch {@code txid} follow. */
    void beginCommit(Long txid);

    /** The updates for batch {@code txid} are all made. */
    void commit(Long txid);
}
