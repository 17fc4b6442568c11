package io.squall.topology;

import io.squall.tuple.Tuple;
import io.squall.windowing.TimestampExtractor;

/**
 * Reads the event time from a whole-number field of the tuple; Storm keeps this class in
 * {@code org.apache.storm.topology}, so ported code finds it here. Same behaviour as
 * {@link io.squall.windowing.TupleFieldTimestampExtractor}.
 */
public final class TupleFieldTimestampExtractor implements TimestampExtractor {
    private static final long serialVersionUID = 1L;
    private final io.squall.windowing.TupleFieldTimestampExtractor delegate;

    private TupleFieldTimestampExtractor(String fieldName) {
        this.delegate = io.squall.windowing.TupleFieldTimestampExtractor.of(fieldName);
    }

    /** An extractor reading field {@code fieldName}. */
    public static TupleFieldTimestampExtractor of(String fieldName) {
        return new TupleFieldTimestampExtractor(fieldName);
    }

    /** The field read. */
    public String getFieldName() {
        return delegate.getFieldName();
    }

    @Override
    public long extractTimestamp(Tuple tuple) {
        return delegate.extractTimestamp(tuple);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
