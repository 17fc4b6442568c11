package io.squall.trident.operation;

import java.util.List;

/** Where an operation emits its output values for the tuple or batch it is working on. */
public interface TridentCollector {
    /** Emits one tuple of the operation's output fields. */
    void emit(List<Object> values);

    /** Reports an error to the topology's error log without failing the batch. */
    void reportError(Throwable t);
}
