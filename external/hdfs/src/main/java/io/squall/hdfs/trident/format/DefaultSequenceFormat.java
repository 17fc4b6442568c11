package io.squall.hdfs.trident.format;

import io.squall.trident.tuple.TridentTuple;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/**
 * Writes a tuple's {@code keyField} (a {@code Long}) as a {@code LongWritable} key and its {@code valueField} (a
 * {@code String}) as a {@code Text} value.
 */
public class DefaultSequenceFormat implements SequenceFormat {
    private static final long serialVersionUID = 1L;
    private final String keyField;
    private final String valueField;
    private transient LongWritable key;
    private transient Text value;

    /** Keys from the field {@code keyField}, values from {@code valueField}. */
    public DefaultSequenceFormat(String keyField, String valueField) {
        this.keyField = keyField;
        this.valueField = valueField;
    }

    @Override
    public Class<?> keyClass() {
        return LongWritable.class;
    }

    @Override
    public Class<?> valueClass() {
        return Text.class;
    }

    @Override
    public Writable key(TridentTuple tuple) {
        if (key == null) {
            key = new LongWritable();
        }
        key.set(tuple.getLongByField(keyField));
        return key;
    }

    @Override
    public Writable value(TridentTuple tuple) {
        if (value == null) {
            value = new Text();
        }
        value.set(tuple.getStringByField(valueField));
        return value;
    }
}
