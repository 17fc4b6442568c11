package io.squall.multilang;

import java.util.List;

/**
 * A tuple sent to a shell bolt: {@code {"id", "comp", "stream", "task", "tuple"}}. The id is the ShellBolt's own
 * handle for the input, which the subprocess names when it acks, fails or anchors to it.
 */
public class BoltMsg {
    private String id;
    private String comp;
    private String stream;
    private long task;
    private List<Object> tuple;

    /** The input's handle. */
    public String getId() {
        return id;
    }

    /** Sets the input's handle. */
    public void setId(String id) {
        this.id = id;
    }

    /** The component that emitted the tuple. */
    public String getComp() {
        return comp;
    }

    /** Sets the emitting component. */
    public void setComp(String comp) {
        this.comp = comp;
    }

    /** The stream the tuple came on. */
    public String getStream() {
        return stream;
    }

    /** Sets the stream. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    /** The task that emitted the tuple (-1 for a heartbeat). */
    public long getTask() {
        return task;
    }

    /** Sets the emitting task. */
    public void setTask(long task) {
        this.task = task;
    }

    /** The tuple's values. */
    public List<Object> getTuple() {
        return tuple;
    }

    /** Sets the values. */
    public void setTuple(List<Object> tuple) {
        this.tuple = tuple;
    }
}
