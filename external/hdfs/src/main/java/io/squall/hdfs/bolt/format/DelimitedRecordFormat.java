package io.squall.hdfs.bolt.format;

import io.squall.tuple.Fields;
import io.squall.tuple.Tuple;

import java.nio.charset.StandardCharsets;

/**
 * Writes a tuple's values as text (UTF-8), separated by the field delimiter ({@code ","} by default) and ended by the
 * record delimiter ({@code "\n"} by default). All of the tuple's fields in their declared order, unless
 * {@link #withFields} names the ones to write. A null value is written as {@code null}.
 */
public class DelimitedRecordFormat implements RecordFormat {
    /** The default field delimiter. */
    public static final String DEFAULT_FIELD_DELIMITER = ",";
    /** The default record delimiter. */
    public static final String DEFAULT_RECORD_DELIMITER = "\n";
    private static final long serialVersionUID = 1L;
    private String fieldDelimiter = DEFAULT_FIELD_DELIMITER;
    private String recordDelimiter = DEFAULT_RECORD_DELIMITER;
    private Fields fields;

    /** Writes only these fields, in this order. */
    public DelimitedRecordFormat withFields(Fields fields) {
        this.fields = fields;
        return this;
    }

    /** Separates the values with {@code delimiter}. */
    public DelimitedRecordFormat withFieldDelimiter(String delimiter) {
        this.fieldDelimiter = delimiter;
        return this;
    }

    /** Ends each record with {@code delimiter}. */
    public DelimitedRecordFormat withRecordDelimiter(String delimiter) {
        this.recordDelimiter = delimiter;
        return this;
    }

    @Override
    public byte[] format(Tuple tuple) {
        Fields written = fields == null ? tuple.getFields() : fields;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < written.size(); i++) {
            if (i > 0) {
                sb.append(fieldDelimiter);
            }
            sb.append(tuple.getValueByField(written.get(i)));
        }
        return sb.append(recordDelimiter).toString().getBytes(StandardCharsets.UTF_8);
    }
}
