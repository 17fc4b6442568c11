package io.squall.metric.api;

/** A metric whose value is an object's current state, never reset (Storm's). */
public class StateMetric implements IMetric {
    private final IStatefulObject obj;

    public StateMetric(IStatefulObject obj) {
        this.obj = obj;
    }

    @Override
    public Object getValueAndReset() {
        return obj.getState();
    }
}
