package io.squall.runtime.windowing;

import java.io.Serializable;

/**
 * Where a stateful windowed bolt's windows stood at a checkpoint, besides the tuples they held: the window
 * engine's progress, the next sequence number of a held tuple, and the highest message id of an evaluated
 * window. A plain value, written by the state provider's serializer. Immutable once made.
 */
final class WindowProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    private long firedWatermark;
    private long nextFire;
    private int countSinceFire;
    private long nextSeq;
    private long evaluatedId;

    /** For serialization frameworks. */
    private WindowProgress() {
    }

    WindowProgress(long firedWatermark, long nextFire, int countSinceFire, long nextSeq, long evaluatedId) {
        this.firedWatermark = firedWatermark;
        this.nextFire = nextFire;
        this.countSinceFire = countSinceFire;
        this.nextSeq = nextSeq;
        this.evaluatedId = evaluatedId;
    }

    long firedWatermark() {
        return firedWatermark;
    }

    long nextFire() {
        return nextFire;
    }

    int countSinceFire() {
        return countSinceFire;
    }

    long nextSeq() {
        return nextSeq;
    }

    long evaluatedId() {
        return evaluatedId;
    }
}
