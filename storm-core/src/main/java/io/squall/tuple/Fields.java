package io.squall.tuple;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of field names, the schema of a stream. Immutable and thread-safe.
 */
public class Fields implements Iterable<String>, Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final Map<String, Integer> index;

    /** Creates a schema with the given field names, which must be distinct. */
    public Fields(String... names) {
        this(List.of(names));
    }

    /** Creates a schema with the given field names, which must be distinct. */
    public Fields(List<String> names) {
        this.names = Collections.unmodifiableList(new ArrayList<>(names));
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.names.size(); i++) {
            String name = this.names.get(i);
            if (name == null) {
                throw new IllegalArgumentException("Field name at position " + i + " is null in " + this.names);
            }
            if (idx.put(name, i) != null) {
                throw new IllegalArgumentException("Duplicate field name '" + name + "' in " + this.names);
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    /** Picks the values of the given fields, in that order, out of a tuple of this schema. */
    public List<Object> select(Fields selector, List<Object> tuple) {
        List<Object> ret = new ArrayList<>(selector.size());
        for (String name : selector) {
            ret.add(tuple.get(fieldIndex(name)));
        }
        return ret;
    }

    /** The field names as an unmodifiable list. */
    public List<String> toList() {
        return names;
    }

    /** Number of fields. */
    public int size() {
        return names.size();
    }

    /** The name of the field at the given position. */
    public String get(int index) {
        return names.get(index);
    }

    /**
     * The position of a field.
     *
     * @throws IllegalArgumentException naming the field and this schema if it is not declared
     */
    public int fieldIndex(String field) {
        Integer i = index.get(field);
        if (i == null) {
            throw new IllegalArgumentException(field + " does not exist in fields " + names);
        }
        return i;
    }

    /** Whether a field of this name is declared. */
    public boolean contains(String field) {
        return index.containsKey(field);
    }

    @Override
    public Iterator<String> iterator() {
        return names.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fields other && names.equals(other.names);
    }

    @Override
    public int hashCode() {
        return names.hashCode();
    }

    @Override
    public String toString() {
        return names.toString();
    }
}
