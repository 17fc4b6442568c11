package io.squall.windowing;

import io.squall.tuple.Tuple;

/** Reads the event time from a {@code long} (or other whole-number) field of the tuple. */
public final class TupleFieldTimestampExtractor implements TimestampExtractor {
    private static final long serialVersionUID = 1L;
    private final String fieldName;

    private TupleFieldTimestampExtractor(String fieldName) {
        if (fieldName == null || fieldName.isBlank()) {
            throw new IllegalArgumentException("The timestamp field name must be a non-empty string");
        }
        this.fieldName = fieldName;
    }

    /** An extractor reading field {@code fieldName}. */
    public static TupleFieldTimestampExtractor of(String fieldName) {
        return new TupleFieldTimestampExtractor(fieldName);
    }

    /** The field read. */
    public String getFieldName() {
        return fieldName;
    }

    @Override
    public long extractTimestamp(Tuple tuple) {
        if (!tuple.contains(fieldName)) {
            throw new IllegalArgumentException("Tuple from " + tuple.getSourceGlobalStreamId() + " has no timestamp field '"
                    + fieldName + "' (its fields are " + tuple.getFields() + ")");
        }
        Object v = tuple.getValueByField(fieldName);
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("Timestamp field '" + fieldName + "' of a tuple from "
                + tuple.getSourceGlobalStreamId() + " holds " + (v == null ? "null" : v.getClass().getName() + " " + v)
                + ", not a whole number of milliseconds");
    }

    @Override
    public String toString() {
        return "field '" + fieldName + "'";
    }
}
