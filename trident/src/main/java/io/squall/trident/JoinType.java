package io.squall.trident;

import java.util.Arrays;
import java.util.List;

/**
 * How a stream takes part in a join: {@link #INNER} needs a match in it, {@link #OUTER} stands in with nulls
 * when it has none. Per stream: {@code mixed(INNER, OUTER)} is a left outer join of two streams.
 */
public enum JoinType {
    /** The stream must have a tuple with the join values. */
    INNER,
    /** Where the stream has no tuple with the join values, nulls take its fields. */
    OUTER;

    /** One type per stream, in the streams' order. */
    public static List<JoinType> mixed(JoinType... types) {
        return Arrays.asList(types);
    }
}
