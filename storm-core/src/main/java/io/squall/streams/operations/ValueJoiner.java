package io.squall.streams.operations;

/**
 * Makes one joined value out of two values that have the same key.
 *
 * @param <V1> the first stream's values
 * @param <V2> the second stream's values
 * @param <R>  the joined value's type
 */
@FunctionalInterface
public interface ValueJoiner<V1, V2, R> extends Operation {
    /** The joined value; in an outer join, the side with no value for the key is null. */
    R apply(V1 value1, V2 value2);
}
