package io.squall.runtime.windowing;

import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;
import io.squall.tuple.TupleImpl;

import java.io.Serializable;
import java.util.ArrayList;

/**
 * A tuple held by a persistent window, as its checkpoint keeps it: where it came from, its fields and values,
 * its time in the window, and whether a fired window has shown it or it has left its last window. A plain
 * value, written by the state provider's serializer (Kryo). Immutable once made.
 */
final class WindowedTuple implements Serializable {
    private static final long serialVersionUID = 1L;

    private String component;
    private String stream;
    private int task;
    private ArrayList<String> fields;
    private ArrayList<Object> values;
    private long ts;
    private boolean seen;
    private boolean expired;

    /** For serialization frameworks. */
    private WindowedTuple() {
    }

    WindowedTuple(Tuple t, long ts, boolean seen, boolean expired) {
        this.component = t.getSourceComponent();
        this.stream = t.getSourceStreamId();
        this.task = t.getSourceTask();
        this.fields = new ArrayList<>(t.getFields().toList());
        this.values = new ArrayList<>(t.getValues());
        this.ts = ts;
        this.seen = seen;
        this.expired = expired;
    }

    /** The tuple again, with no tuple tree: it was acked when the checkpoint that holds it committed. */
    Tuple toTuple() {
        return new TupleImpl(component, stream, new Fields(fields), task, values, MessageId.unanchored());
    }

    long ts() {
        return ts;
    }

    boolean seen() {
        return seen;
    }

    boolean expired() {
        return expired;
    }
}
