package io.squall.windowing;

import io.squall.task.GeneralTopologyContext;
import io.squall.topology.GlobalStreamId;
import io.squall.tuple.Fields;
import io.squall.tuple.MessageId;
import io.squall.tuple.Tuple;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of a tuple that arrived too late for its window, as a windowed bolt emits it on its late-tuple
 * stream (field {@code "late_tuple"}, as in Storm). It is a plain value, serializable by Kryo and Java, so the late stream
 * crosses workers like any other; it reads like the original tuple (source, stream, fields, values) and
 * carries its event time.
 */
public final class LateTuple implements Tuple, Serializable {
    private static final long serialVersionUID = 1L;

    private String sourceComponent;
    private String sourceStreamId;
    private int sourceTask;
    private ArrayList<String> fieldNames;
    private ArrayList<Object> values;
    private long timestamp;
    private long windowEnd = Long.MIN_VALUE;
    private transient Fields fields;
    /** The copied tuple's context; not serialized, so null in another worker. */
    private transient GeneralTopologyContext context;

    /** For serialization frameworks. */
    private LateTuple() {
    }

    /** A copy of {@code tuple}, whose event time was {@code timestamp}. */
    public LateTuple(Tuple tuple, long timestamp) {
        this.sourceComponent = tuple.getSourceComponent();
        this.sourceStreamId = tuple.getSourceStreamId();
        this.sourceTask = tuple.getSourceTask();
        this.fieldNames = new ArrayList<>(tuple.getFields().toList());
        this.values = new ArrayList<>(tuple.getValues());
        this.timestamp = timestamp;
        this.context = tuple.getContext();
    }

    /**
     * A copy of {@code tuple}, whose event time was {@code timestamp}, that came after the window ending at
     * {@code windowEnd} had fired.
     */
    public LateTuple(Tuple tuple, long timestamp, long windowEnd) {
        this(tuple, timestamp);
        this.windowEnd = windowEnd;
    }

    /**
     * The end (epoch ms) of the last window that could have held the tuple, which had fired when it came;
     * {@link Long#MIN_VALUE} when the bolt's windows have no fixed ends (session windows, windows by count).
     */
    public long getWindowEnd() {
        return windowEnd;
    }

    /** The late tuple's event time, in milliseconds. */
    public long getTimestamp() {
        return timestamp;
    }

    @Override
    public String getSourceComponent() {
        return sourceComponent;
    }

    @Override
    public int getSourceTask() {
        return sourceTask;
    }

    @Override
    public String getSourceStreamId() {
        return sourceStreamId;
    }

    @Override
    public GlobalStreamId getSourceGlobalStreamId() {
        return new GlobalStreamId(sourceComponent, sourceStreamId);
    }

    /** A copy is not part of any tuple tree. */
    @Override
    public MessageId getMessageId() {
        return MessageId.unanchored();
    }

    @Override
    public Fields getFields() {
        if (fields == null) {
            fields = new Fields(fieldNames);
        }
        return fields;
    }

    @Override
    public List<Object> getValues() {
        return values;
    }

    @Override
    public String toString() {
        return "late tuple from " + sourceComponent + ":" + sourceTask + " on " + sourceStreamId + " at " + timestamp
                + (windowEnd == Long.MIN_VALUE ? "" : " (window ending " + windowEnd + ")") + ": " + values;
    }

    /** The copied tuple's context in this worker; null once the late tuple was serialized to another worker. */
    @Override
    public GeneralTopologyContext getContext() {
        return context;
    }
}
