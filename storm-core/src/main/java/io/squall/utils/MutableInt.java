package io.squall.utils;

/** An int that can be changed in place, as Storm's; not thread-safe. */
public class MutableInt {
    private int val;

    public MutableInt(int val) {
        this.val = val;
    }

    public void set(int val) {
        this.val = val;
    }

    public int get() {
        return val;
    }

    /** Adds one; returns the new value. */
    public int increment() {
        return increment(1);
    }

    /** Adds {@code amt}; returns the new value. */
    public int increment(int amt) {
        val += amt;
        return val;
    }

    @Override
    public String toString() {
        return String.valueOf(val);
    }
}
