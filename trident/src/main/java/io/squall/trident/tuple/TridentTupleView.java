package io.squall.trident.tuple;

import io.squall.tuple.Fields;
import io.squall.tuple.Values;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A {@link TridentTuple} over a list of values and the schema that names them. Immutable as long as nobody
 * changes the list it was given; used by one task thread at a time.
 */
public final class TridentTupleView extends AbstractList<Object> implements TridentTuple, RandomAccess {
    /** The tuple of no fields. */
    public static final TridentTupleView EMPTY_TUPLE = new TridentTupleView(new Fields(), new Object[0]);

    private final Fields fields;
    /** The values, or null until {@link #getValues} wraps {@link #array}. */
    private List<Object> values;
    /** The values when the tuple was made from an array ({@link #of(Fields, List, List)}), else null. */
    private final Object[] array;

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
        this.array = null;
    }

    private TridentTupleView(Fields fields, Object[] array) {
        this.fields = fields;
        this.array = array;
    }

    /**
     * A tuple of {@code values} named by {@code fields}, as an operation receives it: for a unit test of a function,
     * filter or aggregator, called with a tuple built by hand. It holds a copy of the values.
     *
     * @throws IllegalArgumentException if {@code fields} does not name as many values
     */
    public static TridentTuple createFreshTuple(Fields fields, Object... values) {
        return over(fields, values.clone());
    }

    /** {@link #createFreshTuple(Fields, Object...)} of a list of values. */
    public static TridentTuple createFreshTuple(Fields fields, List<Object> values) {
        return over(fields, values.toArray());
    }

    /**
     * A tuple over {@code array} itself, not a copy: it shows whatever the array holds when read. For a runtime
     * that refills one array per tuple and hands the tuple only to code that does not keep it.
     *
     * @throws IllegalArgumentException if {@code fields} does not name as many values
     */
    public static TridentTupleView over(Fields fields, Object[] array) {
        if (fields.size() != array.length) {
            throw new IllegalArgumentException("Tuple of fields " + fields + " got " + array.length + " values");
        }
        return new TridentTupleView(fields, array);
    }

    /**
     * A tuple of {@code prefix}'s values followed by {@code suffix}'s, copied into one array: what an operation
     * emits appended to its input tuple or group. One object and one array per tuple, where a list of the two
     * would take three objects and copy twice.
     *
     * @throws IllegalArgumentException if {@code fields} does not name as many values
     */
    public static TridentTupleView of(Fields fields, List<Object> prefix, List<Object> suffix) {
        int p = prefix.size();
        int n = p + suffix.size();
        if (fields.size() != n) {
            throw new IllegalArgumentException("Tuple of fields " + fields + " got " + n + " values " + prefix + " + "
                    + suffix);
        }
        Object[] a = new Object[n];
        copy(prefix, a, 0);
        copy(suffix, a, p);
        return new TridentTupleView(fields, a);
    }

    /**
     * Copies {@code from}'s values into {@code to} from index {@code at}. The usual lists (a user's {@link Values}, a
     * tuple) are read through their own class rather than the {@code List} interface, so that the just-in-time
     * compiler can inline the reads and, when the list was made only to be emitted, not allocate it at all.
     */
    public static void copy(List<Object> from, Object[] to, int at) {
        if (from.getClass() == Values.class) {
            Values v = (Values) from;
            for (int i = 0, n = v.size(); i < n; i++) {
                to[at + i] = v.get(i);
            }
        } else if (from instanceof TridentTupleView t) {
            for (int i = 0, n = t.size(); i < n; i++) {
                to[at + i] = t.get(i);
            }
        } else {
            for (int i = 0, n = from.size(); i < n; i++) {
                to[at + i] = from.get(i);
            }
        }
    }

    /** A new tuple of the given fields of this one, in that order. */
    public TridentTupleView project(Fields selector) {
        return new TridentTupleView(selector, fields.select(selector, this));
    }

    @Override
    public Object get(int index) {
        return array != null ? array[index] : values.get(index);
    }

    /** The value at {@code index}, read directly (the interface's default would first wrap an array in a list). */
    @Override
    public Object getValue(int index) {
        return get(index);
    }

    @Override
    public int size() {
        return array != null ? array.length : values.size();
    }

    @Override
    public Fields getFields() {
        return fields;
    }

    @Override
    public List<Object> getValues() {
        if (values == null) {
            values = Arrays.asList(array);
        }
        return values;
    }

    /** The values as a fresh list that can be sent to another task. */
    public ArrayList<Object> toWire() {
        if (array == null) {
            return new ArrayList<>(values);
        }
        ArrayList<Object> ret = new ArrayList<>(array.length);
        for (Object v : array) {
            ret.add(v);
        }
        return ret;
    }
}
