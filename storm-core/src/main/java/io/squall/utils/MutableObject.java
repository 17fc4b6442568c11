package io.squall.utils;

/** A holder of one object that can be changed in place, as Storm's; its accessors are synchronized. */
public class MutableObject {
    private Object object;

    public MutableObject() {
    }

    public MutableObject(Object object) {
        this.object = object;
    }

    public synchronized Object getObject() {
        return object;
    }

    public synchronized void setObject(Object o) {
        object = o;
    }
}
