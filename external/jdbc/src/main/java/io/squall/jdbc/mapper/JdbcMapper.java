package io.squall.jdbc.mapper;

import io.squall.jdbc.common.Column;
import io.squall.tuple.ITuple;

import java.io.Serializable;
import java.util.List;

/** Turns a tuple into the columns of one row, as Storm's storm-jdbc {@code JdbcMapper}. */
public interface JdbcMapper extends Serializable {
    /** The row {@code tuple} stands for: its columns in the order the statement's {@code ?}s take them. */
    List<Column> getColumns(ITuple tuple);
}
