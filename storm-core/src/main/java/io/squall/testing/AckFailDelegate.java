package io.squall.testing;

import java.io.Serializable;

/** Told of each ack and fail a test spout receives ({@link FeederSpout#setAckFailDelegate}). */
public interface AckFailDelegate extends Serializable {
    /** The tuple tree of {@code id} completed. */
    void ack(Object id);

    /** The tuple tree of {@code id} failed or timed out. */
    void fail(Object id);
}
