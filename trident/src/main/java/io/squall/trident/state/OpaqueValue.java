package io.squall.trident.state;

import java.io.Serializable;
import java.util.Objects;

/**
 * A value as of batch {@code currTxid} and the value before that batch, so that a replay of the same txid (with
 * possibly different tuples) is applied to the value before it.
 *
 * <p>A batch older than {@code currTxid} reads and updates like a newer one, where Storm throws: the txids of a stream
 * start again from 1 when its coordinator state is lost or its transactional id changes, and a state it feeds then
 * carries on instead of failing every batch until the txids catch up.
 */
public final class OpaqueValue<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Long currTxid;
    private final T prev;
    private final T curr;

    /** The value {@code curr} after batch {@code currTxid}, which found {@code prev}. */
    public OpaqueValue(Long currTxid, T curr, T prev) {
        this.currTxid = currTxid;
        this.curr = curr;
        this.prev = prev;
    }

    /** The value {@code curr} written by batch {@code currTxid}, which found nothing. */
    public OpaqueValue(Long currTxid, T curr) {
        this(currTxid, curr, null);
    }

    /**
     * The value batch {@code batchTxid} starts from: the previous value if this one was written by that very txid
     * (the batch is being replayed), else the current one; the current one for a null txid (a read outside a
     * commit).
     */
    public T get(Long batchTxid) {
        return batchTxid != null && batchTxid.equals(currTxid) ? prev : curr;
    }

    /** The value batch {@code txid} should start from; {@link #get(Long)}. */
    public T base(long txid) {
        return get(txid);
    }

    /** The value after applying batch {@code batchTxid}, whose result is {@code newVal}. */
    public OpaqueValue<T> update(Long batchTxid, T newVal) {
        return new OpaqueValue<>(batchTxid, newVal, get(batchTxid));
    }

    /** The batch that produced the current value. */
    public Long getCurrTxid() {
        return currTxid;
    }

    /** The current value. */
    public T getCurr() {
        return curr;
    }

    /** The value before batch {@code currTxid}. */
    public T getPrev() {
        return prev;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OpaqueValue<?> v && Objects.equals(currTxid, v.currTxid) && Objects.equals(curr, v.curr)
                && Objects.equals(prev, v.prev);
    }

    @Override
    public int hashCode() {
        return Objects.hash(currTxid, curr, prev);
    }

    @Override
    public String toString() {
        return "OpaqueValue{txid=" + currTxid + ", curr=" + curr + ", prev=" + prev + '}';
    }
}
