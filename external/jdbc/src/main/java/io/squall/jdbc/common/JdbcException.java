package io.squall.jdbc.common;

import io.squall.errors.SquallException;

/**
 * A database operation failed: the database did not answer, refused a statement, or a value did not fit its column.
 * The message names the statement or the database and what went wrong. The operation that threw changed nothing that
 * stays (its transaction was rolled back), so a bolt fails the tuple and a Trident state the batch, to be replayed.
 */
public class JdbcException extends SquallException {
    private static final long serialVersionUID = 1L;

    public JdbcException(String message, Throwable cause) {
        super(message, cause);
    }

    public JdbcException(String message) {
        super(message);
    }
}
