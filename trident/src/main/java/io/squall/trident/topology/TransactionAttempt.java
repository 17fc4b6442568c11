package io.squall.trident.topology;

import java.io.Serializable;
import java.util.Objects;

/** One attempt at a batch: its transaction id and which try this is (0 first). */
public final class TransactionAttempt implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Long txid;
    private final int attemptId;

    /** Attempt {@code attemptId} of batch {@code txid}. */
    public TransactionAttempt(Long txid, int attemptId) {
        this.txid = Objects.requireNonNull(txid, "txid");
        this.attemptId = attemptId;
    }

    /** The batch's transaction id. */
    public Long getTransactionId() {
        return txid;
    }

    /** The batch's id: its transaction id. */
    public Object getId() {
        return txid;
    }

    /** Which try this is, from 0. */
    public int getAttemptId() {
        return attemptId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionAttempt t && t.txid.equals(txid) && t.attemptId == attemptId;
    }

    @Override
    public int hashCode() {
        return txid.hashCode() * 31 + attemptId;
    }

    @Override
    public String toString() {
        return txid + ":" + attemptId;
    }
}
