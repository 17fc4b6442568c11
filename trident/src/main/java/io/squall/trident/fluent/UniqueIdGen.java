package io.squall.trident.fluent;

/**
 * Numbers names within one topology: streams {@code s1, s2, ...}, states {@code state1, ...}, windows
 * {@code w1, ...}, each kind counted on its own. Not thread-safe: a topology is built on one thread.
 */
public class UniqueIdGen {
    private int streamCounter;
    private int stateCounter;
    private int windowCounter;

    /** The next stream id: {@code s1}, {@code s2}, ... */
    public String getUniqueStreamId() {
        return "s" + ++streamCounter;
    }

    /** The next state id: {@code state1}, {@code state2}, ... */
    public String getUniqueStateId() {
        return "state" + ++stateCounter;
    }

    /** The next window id: {@code w1}, {@code w2}, ... */
    public String getUniqueWindowId() {
        return "w" + ++windowCounter;
    }
}
