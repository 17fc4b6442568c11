package io.squall.trident.operation;

import java.util.List;

/** Where an operation emits its output values for the tuple or batch it is working on. */
public interface TridentCollector {
    /** Emits one tuple of the operation's output fields. */
    void emit(List<Object> values);

    /**
     * Sends what was emitted so far. Trident sends an operation's output with its batch, so there is nothing to
     * push early and this does nothing; it is here for code written against Storm's interface.
     */
    default void flush() {
    }

    /** Reports an error to the topology's error log without failing the batch. */
    void reportError(Throwable t);
}
