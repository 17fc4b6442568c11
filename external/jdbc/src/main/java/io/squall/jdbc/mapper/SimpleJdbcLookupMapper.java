package io.squall.jdbc.mapper;

import io.squall.jdbc.common.Column;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.Fields;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;

import java.util.List;

/**
 * A lookup by name, as Storm's storm-jdbc {@code SimpleJdbcLookupMapper}: the select's parameters are the tuple's
 * fields named by {@code queryColumns}; each row makes one tuple of {@code outputFields}, each taken from the input
 * tuple when it has that field, else from the row's column of that name (in any case).
 */
public class SimpleJdbcLookupMapper extends SimpleJdbcMapper implements JdbcLookupMapper {
    private static final long serialVersionUID = 1L;

    private final Fields outputFields;

    public SimpleJdbcLookupMapper(Fields outputFields, List<Column> queryColumns) {
        super(queryColumns);
        if (outputFields == null || outputFields.size() == 0) {
            throw new IllegalArgumentException("SimpleJdbcLookupMapper needs at least one output field");
        }
        this.outputFields = outputFields;
    }

    @Override
    public List<Values> toTuple(ITuple input, List<Column> columns) {
        Values values = new Values();
        for (String field : outputFields) {
            if (input.contains(field)) {
                values.add(input.getValueByField(field));
            } else {
                values.add(column(field, columns));
            }
        }
        return List.of(values);
    }

    private static Object column(String field, List<Column> columns) {
        for (Column<?> column : columns) {
            if (column.getColumnName().equalsIgnoreCase(field)) {
                return column.getVal();
            }
        }
        throw new IllegalArgumentException("Output field " + field + " is neither a field of the input tuple nor a "
                + "column the select returns: select a column of that name, or alias one with AS " + field);
    }

    @Override
    public void declareOutputFields(OutputFieldsDeclarer declarer) {
        declarer.declare(outputFields);
    }
}
