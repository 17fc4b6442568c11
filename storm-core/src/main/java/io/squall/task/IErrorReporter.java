package io.squall.task;

/** Reports an error to the topology's error log and the dashboard. */
public interface IErrorReporter {
    /** Reports {@code error}. */
    void reportError(Throwable error);
}
