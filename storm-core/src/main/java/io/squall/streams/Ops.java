package io.squall.streams;

import io.squall.streams.operations.Consumer;
import io.squall.streams.operations.FlatMapFunction;
import io.squall.streams.operations.Function;
import io.squall.streams.operations.Predicate;

/** The stateless operations of {@link Stream} and {@link PairStream} as {@link Op}s. */
final class Ops {
    private Ops() {
    }

    @SuppressWarnings("unchecked")
    static Op filter(Predicate<?> predicate) {
        Predicate<Object> p = (Predicate<Object>) predicate;
        return (v, out) -> {
            if (p.test(v)) {
                out.accept(v);
            }
        };
    }

    @SuppressWarnings("unchecked")
    static Op map(Function<?, ?> function) {
        Function<Object, Object> f = (Function<Object, Object>) function;
        return (v, out) -> out.accept(f.apply(v));
    }

    @SuppressWarnings("unchecked")
    static Op flatMap(FlatMapFunction<?, ?> function) {
        Function<Object, Iterable<?>> f = (Function<Object, Iterable<?>>) (Function<?, ?>) function;
        return (v, out) -> {
            Iterable<?> results = f.apply(v);
            if (results != null) {
                for (Object r : results) {
                    out.accept(r);
                }
            }
        };
    }

    @SuppressWarnings("unchecked")
    static Op peek(Consumer<?> action) {
        Consumer<Object> c = (Consumer<Object>) action;
        return (v, out) -> {
            c.accept(v);
            out.accept(v);
        };
    }

    @SuppressWarnings("unchecked")
    static Op forEach(Consumer<?> action) {
        Consumer<Object> c = (Consumer<Object>) action;
        return (v, out) -> c.accept(v);
    }

    @SuppressWarnings("unchecked")
    static Op mapValues(Function<?, ?> function) {
        Function<Object, Object> f = (Function<Object, Object>) function;
        return (v, out) -> {
            Pair<?, ?> p = (Pair<?, ?>) v;
            out.accept(Pair.of(p.value1, f.apply(p.value2)));
        };
    }

    @SuppressWarnings("unchecked")
    static Op flatMapValues(FlatMapFunction<?, ?> function) {
        Function<Object, Iterable<?>> f = (Function<Object, Iterable<?>>) (Function<?, ?>) function;
        return (v, out) -> {
            Pair<?, ?> p = (Pair<?, ?>) v;
            Iterable<?> results = f.apply(p.value2);
            if (results != null) {
                for (Object r : results) {
                    out.accept(Pair.of(p.value1, r));
                }
            }
        };
    }

    /** Branch {@code index} of a branch: the values whose first matching predicate is the one at {@code index}. */
    @SuppressWarnings("unchecked")
    static Op branch(Predicate<?>[] predicates, int index) {
        Predicate<Object>[] ps = (Predicate<Object>[]) predicates.clone();
        return (v, out) -> {
            for (int i = 0; i < ps.length; i++) {
                if (ps[i].test(v)) {
                    if (i == index) {
                        out.accept(v);
                    }
                    return;
                }
            }
        };
    }
}
