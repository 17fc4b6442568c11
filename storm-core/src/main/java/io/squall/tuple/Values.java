package io.squall.tuple;

import java.util.ArrayList;

/** A convenience list for building the values of a tuple: {@code new Values("word", 3)}. */
public class Values extends ArrayList<Object> {
    private static final long serialVersionUID = 1L;

    /** An empty list of values. */
    public Values() {
    }

    /**
     * The given values, in order. {@code new Values(null)} is one null value, as in Storm (Java passes the null as the
     * array itself).
     */
    public Values(Object... values) {
        super(values == null ? 1 : values.length);
        if (values == null) {
            add(null);
            return;
        }
        for (Object v : values) {
            add(v);
        }
    }
}
