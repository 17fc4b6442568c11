package io.squall.trident.state;

import java.io.Serializable;
import java.util.Objects;

/** A value with the txid of the batch that last changed it. */
public final class TransactionalValue<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Long txid;
    private final T val;

    /** A value last changed by batch {@code txid}. */
    public TransactionalValue(Long txid, T val) {
        this.txid = txid;
        this.val = val;
    }

    /** The batch that last changed the value. */
    public Long getTxid() {
        return txid;
    }

    /** The value. */
    public T getVal() {
        return val;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionalValue<?> v && Objects.equals(txid, v.txid) && Objects.equals(val, v.val);
    }

    @Override
    public int hashCode() {
        return Objects.hash(txid, val);
    }

    @Override
    public String toString() {
        return "TransactionalValue{txid=" + txid + ", val=" + val + '}';
    }
}
