package io.squall.metric.api;

/** An object whose state a {@link StateMetric} reports (Storm's). */
public interface IStatefulObject {
    /** The state to report now. */
    Object getState();
}
