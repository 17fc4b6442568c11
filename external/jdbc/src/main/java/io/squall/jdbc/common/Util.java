package io.squall.jdbc.common;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;

/** Which Java type carries a value of an SQL type, as Storm's storm-jdbc {@code Util}. */
public final class Util {
    private Util() {
    }

    /**
     * The Java type of a column of {@code sqlType} (a constant of {@link Types}): String for the character types,
     * byte[] for the binary ones, Boolean, Short, Integer, Long, Float, Double, BigDecimal, and java.sql's Date, Time
     * and Timestamp.
     *
     * @throws JdbcException naming the type when it is none of those
     */
    public static Class<?> getJavaType(int sqlType) {
        return switch (sqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> String.class;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> byte[].class;
            case Types.BIT, Types.BOOLEAN -> Boolean.class;
            case Types.TINYINT, Types.SMALLINT -> Short.class;
            case Types.INTEGER -> Integer.class;
            case Types.BIGINT -> Long.class;
            case Types.REAL -> Float.class;
            case Types.DOUBLE, Types.FLOAT -> Double.class;
            case Types.NUMERIC, Types.DECIMAL -> BigDecimal.class;
            case Types.DATE -> Date.class;
            case Types.TIME -> Time.class;
            case Types.TIMESTAMP -> Timestamp.class;
            default -> throw new JdbcException("Columns of SQL type " + typeName(sqlType) + " are not supported: "
                    + "use a character, binary, boolean, numeric, date, time or timestamp column");
        };
    }

    /** The name of {@code sqlType}, such as VARCHAR, for messages. */
    static String typeName(int sqlType) {
        try {
            return JDBCType.valueOf(sqlType).getName();
        } catch (IllegalArgumentException e) {
            return "type " + sqlType;
        }
    }
}
