package io.squall.jdbc.mapper;

import io.squall.jdbc.common.Column;
import io.squall.topology.OutputFieldsDeclarer;
import io.squall.tuple.ITuple;
import io.squall.tuple.Values;

import java.util.List;

/**
 * For a lookup: {@link #getColumns} gives a select's parameters from a tuple, {@link #toTuple} turns each row the
 * select returns into the tuples to emit. As Storm's storm-jdbc {@code JdbcLookupMapper}.
 */
public interface JdbcLookupMapper extends JdbcMapper {
    /** The tuples to emit for one row the select returned for {@code input}; one tuple each. */
    List<Values> toTuple(ITuple input, List<Column> columns);

    /** Declares the fields of the tuples {@link #toTuple} makes. */
    void declareOutputFields(OutputFieldsDeclarer declarer);
}
