package io.squall.hdfs.bolt.format;

import io.squall.tuple.Tuple;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;

/**
 * Writes a tuple's {@code keyField} (a {@code Long}) as a {@code LongWritable} key and its {@code valueField} (a
 * {@code String}) as a {@code Text} value. The two objects are reused from one tuple to the next, as the sequence
 * file writer copies them.
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
    public Writable key(Tuple tuple) {
        if (key == null) {
            key = new LongWritable();
        }
        key.set(tuple.getLongByField(keyField));
        return key;
    }

    @Override
    public Writable value(Tuple tuple) {
        if (value == null) {
            value = new Text();
        }
        value.set(tuple.getStringByField(valueField));
        return value;
    }
}
