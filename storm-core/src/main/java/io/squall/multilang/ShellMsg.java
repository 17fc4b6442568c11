package io.squall.multilang;

import java.util.ArrayList;
import java.util.List;

/**
 * A message from a shell component's subprocess: a command ({@code emit}, {@code ack}, {@code fail}, {@code log},
 * {@code error}, {@code metrics}, {@code sync}) with the fields that command uses.
 */
public class ShellMsg {
    /** Log levels of the {@code log} command, by their number in the protocol. */
    public enum ShellLogLevel {
        TRACE, DEBUG, INFO, WARN, ERROR;

        /** The level of a protocol number; INFO when absent or out of range. */
        public static ShellLogLevel fromInt(Number level) {
            if (level == null || level.intValue() < 0 || level.intValue() >= values().length) {
                return INFO;
            }
            return values()[level.intValue()];
        }
    }

    private String command;
    private Object id;
    private final List<String> anchors = new ArrayList<>();
    private String stream;
    private long task;
    private List<Object> tuple;
    private boolean needTaskIds = true;
    private String msg;
    private ShellLogLevel logLevel = ShellLogLevel.INFO;
    private String metricName;
    private Object metricParams;

    /** The command. */
    public String getCommand() {
        return command;
    }

    /** Sets the command. */
    public void setCommand(String command) {
        this.command = command;
    }

    /** The tuple handle of a bolt's ack or fail, or the message id of a spout's emit (null: untracked). */
    public Object getId() {
        return id;
    }

    /** Sets the id. */
    public void setId(Object id) {
        this.id = id;
    }

    /** The handles of the inputs a bolt's emit is anchored to. */
    public List<String> getAnchors() {
        return anchors;
    }

    /** Adds an anchor. */
    public void addAnchor(String anchor) {
        anchors.add(anchor);
    }

    /** Replaces the anchors with {@code anchors} (null: none), as a serializer fills a message it read. */
    public void setAnchors(List<String> anchors) {
        this.anchors.clear();
        if (anchors != null) {
            this.anchors.addAll(anchors);
        }
    }

    /** The stream of an emit; null means the default stream. */
    public String getStream() {
        return stream;
    }

    /** Sets the stream. */
    public void setStream(String stream) {
        this.stream = stream;
    }

    /** The target task of a direct emit; 0 for an ordinary emit. */
    public long getTask() {
        return task;
    }

    /** Sets the direct target task. */
    public void setTask(long task) {
        this.task = task;
    }

    /** The values of an emit. */
    public List<Object> getTuple() {
        return tuple;
    }

    /** Sets the values. */
    public void setTuple(List<Object> tuple) {
        this.tuple = tuple;
    }

    /** Appends one value to the emit's values, as a serializer reads them one by one. */
    public void addTuple(Object value) {
        if (tuple == null) {
            tuple = new ArrayList<>();
        }
        tuple.add(value);
    }

    /** Whether the subprocess waits for the task ids an emit went to (the default). */
    public boolean areTaskIdsNeeded() {
        return needTaskIds;
    }

    /** Sets whether task ids are needed. */
    public void setNeedTaskIds(boolean needTaskIds) {
        this.needTaskIds = needTaskIds;
    }

    /** The text of a log or error command. */
    public String getMsg() {
        return msg;
    }

    /** Sets the text. */
    public void setMsg(String msg) {
        this.msg = msg;
    }

    /** The level of a log command. */
    public ShellLogLevel getLogLevel() {
        return logLevel;
    }

    /** Sets the level. */
    public void setLogLevel(ShellLogLevel logLevel) {
        this.logLevel = logLevel;
    }

    /** Sets the level of a log message by its number in the protocol (0 trace ... 4 error). */
    public void setLogLevel(int logLevel) {
        this.logLevel = ShellLogLevel.fromInt(logLevel);
    }

    /** The metric a metrics command updates. */
    public String getMetricName() {
        return metricName;
    }

    /** Sets the metric name. */
    public void setMetricName(String metricName) {
        this.metricName = metricName;
    }

    /** The parameters of a metrics command. */
    public Object getMetricParams() {
        return metricParams;
    }

    /** Sets the metric parameters. */
    public void setMetricParams(Object metricParams) {
        this.metricParams = metricParams;
    }

    @Override
    public String toString() {
        return "ShellMsg{command=" + command + ", id=" + id + ", anchors=" + anchors + ", stream=" + stream
                + ", task=" + task + ", tuple=" + tuple + ", msg=" + msg + "}";
    }
}
