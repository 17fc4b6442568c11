package io.squall.utils;

/** Storm's test of one object, for {@link Utils#findOne}. */
@FunctionalInterface
public interface IPredicate<T> {
    /** Whether {@code obj} is the one looked for. */
    boolean test(T obj);
}
