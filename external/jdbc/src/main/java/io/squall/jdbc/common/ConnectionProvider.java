package io.squall.jdbc.common;

import java.io.Serializable;
import java.sql.Connection;

/**
 * Where a component gets its database connections, as Storm's storm-jdbc {@code ConnectionProvider}. It travels
 * inside the bolt or state factory, so it is serializable and opens its pool in {@link #prepare}, on the worker.
 */
public interface ConnectionProvider extends Serializable {
    /** Opens the pool; called by each component that uses the provider, so calls after the first do nothing. */
    void prepare();

    /** A connection; the caller closes it, which gives it back to the pool. */
    Connection getConnection();

    /** Closes the pool; called once per component when it shuts down, so it must be idempotent. */
    void cleanup();
}
