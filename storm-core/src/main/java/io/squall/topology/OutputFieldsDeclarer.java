package io.squall.topology;

import io.squall.tuple.Fields;

/** Collects the output streams a component declares. */
public interface OutputFieldsDeclarer {
    /** Declares the default stream. */
    void declare(Fields fields);

    /** Declares the default stream, direct or not. */
    void declare(boolean direct, Fields fields);

    /** Declares a named stream. */
    void declareStream(String streamId, Fields fields);

    /** Declares a named stream, direct or not. */
    void declareStream(String streamId, boolean direct, Fields fields);
}
