package io.squall.trident.tuple;

import io.squall.tuple.Fields;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TridentTuple} over a list of values and the schema that names them. Immutable as long as nobody
 * changes the list it was given; used by one task thread at a time.
 */
public final class TridentTupleView extends AbstractList<Object> implements TridentTuple {
    private final Fields fields;
    private final List<Object> values;

    /**
     * @param fields the names of the values
     * @param values as many values as {@code fields} names
     * @throws IllegalArgumentException if the counts differ
     */
    public TridentTupleView(Fields fields, List<Object> values) {
        if (fields.size() != values.size()) {
            throw new IllegalArgumentException("Tuple of fields " + fields + " got " + values.size() + " values "
                    + values);
        }
        this.fields = fields;
        this.values = values;
    }

    /** A new tuple of the given fields of this one, in that order. */
    public TridentTupleView project(Fields selector) {
        return new TridentTupleView(selector, fields.select(selector, values));
    }

    @Override
    public Object get(int index) {
        return values.get(index);
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Fields getFields() {
        return fields;
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    /** The values as a fresh list that can be sent to another task. */
    public ArrayList<Object> toWire() {
        return new ArrayList<>(values);
    }
}
