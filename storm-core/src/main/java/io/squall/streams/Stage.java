package io.squall.streams;

import io.squall.task.OutputCollector;
import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;
import io.squall.tuple.Values;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A node of a stream inside one bolt: its op (none for a node that only passes values on), the nodes fed by it in
 * the same bolt, and the streams it emits to other bolts. A tree of stages is fixed when the topology is built and
 * stateless at run time; it runs on the bolt's executor thread.
 */
final class Stage implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The fields of every stream between two of a stream topology's bolts. */
    static final Fields KEY_VALUE = new Fields("key", "value");
    static final Fields VALUE = new Fields("value");

    /**
     * A stream to another bolt. Between the Streams API's own bolts a value travels as (key, value): a pair as its
     * two halves, any other value with a null key, or itself as the key when a state query partitions by it. To a
     * user's bolt ({@code Stream.to}) a pair is (key, value) and any other value is (value).
     */
    record Output(String streamId, boolean paired, boolean keyIsValue, boolean toUserBolt) implements Serializable {
        Fields fields() {
            return toUserBolt && !paired ? VALUE : KEY_VALUE;
        }

        List<Object> values(Object v) {
            if (paired) {
                Pair<?, ?> p = (Pair<?, ?>) v;
                return new Values(p.value1, p.value2);
            }
            return toUserBolt ? new Values(v) : new Values(keyIsValue ? v : null, v);
        }
    }

    /**
     * Emits a bolt's values anchored to the tuples they came from; with a timestamp field, a value to another of the
     * Streams API's bolts carries the latest timestamp of those tuples. Owned by the bolt's executor thread.
     */
    static final class Emitter {
        private final OutputCollector collector;
        private final String timestampField;
        private Collection<Tuple> anchors = List.of();

        Emitter(OutputCollector collector, String timestampField) {
            this.collector = collector;
            this.timestampField = timestampField;
        }

        void anchorTo(Collection<Tuple> tuples) {
            anchors = tuples;
        }

        void emit(Output out, Object value) {
            List<Object> values = out.values(value);
            if (timestampField != null && !out.toUserBolt()) {
                values = new ArrayList<>(values);
                values.add(latestTimestamp());
            }
            collector.emit(out.streamId(), anchors, values);
        }

        private long latestTimestamp() {
            long latest = Long.MIN_VALUE;
            for (Tuple t : anchors) {
                if (!t.contains(timestampField)) {
                    throw new IllegalArgumentException("A tuple from '" + t.getSourceComponent() + "' has no field '"
                            + timestampField + "', which the stream's windows by event time read (withTimestampField): "
                            + "the spout must declare it and give each tuple its event time in ms");
                }
                Object ts = t.getValueByField(timestampField);
                if (!(ts instanceof Number n)) {
                    throw new IllegalArgumentException("Field '" + timestampField + "' of a tuple from '"
                            + t.getSourceComponent() + "' is " + ts + ", not an event time in ms (a long)");
                }
                latest = Math.max(latest, n.longValue());
            }
            return latest;
        }
    }

    private final Op op;
    private final List<Stage> next = new ArrayList<>();
    private final List<Output> outputs = new ArrayList<>();

    /** A stage with {@code op}, or null to pass values on unchanged. */
    Stage(Op op) {
        this.op = op;
    }

    void addNext(Stage stage) {
        next.add(stage);
    }

    /** Adds {@code out} unless a stream of that id is already there. */
    void addOutput(Output out) {
        for (Output o : outputs) {
            if (o.streamId().equals(out.streamId())) {
                return;
            }
        }
        outputs.add(out);
    }

    List<Output> outputs() {
        return outputs;
    }

    List<Stage> next() {
        return next;
    }

    /** Runs {@code value} through this stage and everything after it in the bolt. */
    void push(Object value, Emitter emitter) {
        if (op == null) {
            forward(value, emitter);
        } else {
            op.apply(value, v -> forward(v, emitter));
        }
    }

    private void forward(Object value, Emitter emitter) {
        for (Stage s : next) {
            s.push(value, emitter);
        }
        for (Output o : outputs) {
            emitter.emit(o, value);
        }
    }
}
