package io.squall.utils;

/** A long that can be changed in place, as Storm's; not thread-safe. */
public class MutableLong {
    private long val;

    public MutableLong(long val) {
        this.val = val;
    }

    public void set(long val) {
        this.val = val;
    }

    public long get() {
        return val;
    }

    /** Adds one; returns the new value. */
    public long increment() {
        return increment(1);
    }

    /** Adds {@code amt}; returns the new value. */
    public long increment(long amt) {
        val += amt;
        return val;
    }

    @Override
    public String toString() {
        return String.valueOf(val);
    }
}
