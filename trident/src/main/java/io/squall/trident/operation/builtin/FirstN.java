package io.squall.trident.operation.builtin;

import io.squall.trident.Stream;
import io.squall.trident.operation.Aggregator;
import io.squall.trident.operation.Assembly;
import io.squall.trident.operation.BaseAggregator;
import io.squall.trident.operation.TridentCollector;
import io.squall.trident.tuple.TridentTuple;
import io.squall.tuple.Fields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code n} tuples of each batch, as Storm's {@code FirstN}: applied with
 * {@code stream.applyAssembly(new FirstN(n, "field"))}, it keeps every field of the stream's tuples. Without a sort
 * field ({@code null}) they are the first {@code n} to arrive; with one, the {@code n} with the least values of that
 * field ({@code reverse} true: the greatest), best first. Ties keep arrival order; tuples whose sort value is
 * {@code null} come after all others.
 *
 * <p>It runs in two steps: each task keeps its own first {@code n} of the batch ({@code partitionAggregate}), then
 * one task ({@code global()}) keeps the first {@code n} of those.
 */
public class FirstN implements Assembly {
    private final Aggregator<?> agg;

    /** The {@code n} tuples with the least values of {@code sortField} (or the first {@code n}, if it is null). */
    public FirstN(int n, String sortField) {
        this(n, sortField, false);
    }

    /**
     * The {@code n} tuples with the least values of {@code sortField}, or with {@code reverse} the greatest; the first
     * {@code n} to arrive if {@code sortField} is null.
     *
     * @throws IllegalArgumentException if {@code n} is less than 1
     */
    public FirstN(int n, String sortField, boolean reverse) {
        agg = sortField == null ? new FirstNAgg(n) : new FirstNSortedAgg(n, sortField, reverse);
    }

    @Override
    public Stream apply(Stream input) {
        Fields fields = input.getOutputFields();
        return input.partitionAggregate(fields, agg, fields)
                .global()
                .partitionAggregate(fields, agg, fields);
    }

    private static int checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FirstN needs n >= 1, got " + n);
        }
        return n;
    }

    /** Emits the first {@code n} tuples of a batch (or group) as they arrive, every field of each. */
    public static class FirstNAgg extends BaseAggregator<FirstNAgg.State> {
        private static final long serialVersionUID = 1L;

        private final int n;

        /**
         * Keeps {@code n} tuples.
         *
         * @throws IllegalArgumentException if {@code n} is less than 1
         */
        public FirstNAgg(int n) {
            this.n = checkN(n);
        }

        /** How many tuples of the batch were emitted. */
        static final class State {
            int emitted;
        }

        @Override
        public State init(Object batchId, TridentCollector collector) {
            return new State();
        }

        @Override
        public void aggregate(State state, TridentTuple tuple, TridentCollector collector) {
            if (state.emitted < n) {
                collector.emit(new ArrayList<>(tuple));
                state.emitted++;
            }
        }

        @Override
        public void complete(State state, TridentCollector collector) {
        }
    }

    /**
     * Emits, when a batch (or group) is complete, its {@code n} tuples with the least values of a field (or the
     * greatest, reversed), best first; holds at most {@code n} tuples at a time.
     */
    public static class FirstNSortedAgg extends BaseAggregator<FirstNSortedAgg.State> {
        private static final long serialVersionUID = 1L;

        private final int n;
        private final String sortField;
        private final boolean reverse;

        /**
         * Keeps the {@code n} tuples with the least values of {@code sortField} ({@code reverse}: the greatest).
         *
         * @throws IllegalArgumentException if {@code n} is less than 1 or {@code sortField} is null
         */
        public FirstNSortedAgg(int n, String sortField, boolean reverse) {
            if (sortField == null) {
                throw new IllegalArgumentException("FirstNSortedAgg needs a sort field; for the first n tuples as "
                        + "they arrive use FirstNAgg");
            }
            this.n = checkN(n);
            this.sortField = sortField;
            this.reverse = reverse;
        }

        /** A tuple and its place in the batch, which breaks ties. */
        private record Ranked(List<Object> values, Comparable<Object> key, long seq) {
        }

        /** The best {@code n} tuples so far, the worst of them at the head. */
        static final class State {
            final Comparator<Ranked> bestFirst;
            final PriorityQueue<Ranked> kept;
            long seq;

            State(Comparator<Ranked> bestFirst) {
                this.bestFirst = bestFirst;
                kept = new PriorityQueue<>(bestFirst.reversed());
            }
        }

        private Comparator<Ranked> bestFirst() {
            Comparator<Comparable<Object>> values = reverse ? Comparator.reverseOrder() : Comparator.naturalOrder();
            return Comparator.comparing(Ranked::key, Comparator.nullsLast(values)).thenComparingLong(Ranked::seq);
        }

        @Override
        public State init(Object batchId, TridentCollector collector) {
            return new State(bestFirst());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void aggregate(State state, TridentTuple tuple, TridentCollector collector) {
            Object value = tuple.getValueByField(sortField);
            if (value != null && !(value instanceof Comparable)) {
                throw new IllegalArgumentException("FirstN sorts by '" + sortField + "', whose value " + value
                        + " (" + value.getClass().getName() + ") is not Comparable");
            }
            Ranked r = new Ranked(new ArrayList<>(tuple), (Comparable<Object>) value, state.seq++);
            if (state.kept.size() < n) {
                state.kept.add(r);
            } else if (state.bestFirst.compare(r, state.kept.peek()) < 0) {
                state.kept.poll();
                state.kept.add(r);
            }
        }

        @Override
        public void complete(State state, TridentCollector collector) {
            List<Ranked> best = new ArrayList<>(state.kept);
            best.sort(state.bestFirst);
            for (Ranked r : best) {
                collector.emit(r.values());
            }
        }
    }
}
