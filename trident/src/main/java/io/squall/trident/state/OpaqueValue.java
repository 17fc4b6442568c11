package io.squall.trident.state;

import java.io.Serializable;
import java.util.Objects;

/**
 * A value as of batch {@code currTxid} and the value before that batch, so that a replay of the same txid (with
 * possibly different tuples) is applied to the value before it.
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

    /** The value batch {@code txid} should start from. */
    public T base(long txid) {
        return currTxid != null && currTxid == txid ? prev : curr;
    }

    /** The value after applying batch {@code txid}, whose result is {@code newVal}. */
    public OpaqueValue<T> update(long txid, T newVal) {
        return new OpaqueValue<>(txid, newVal, base(txid));
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
